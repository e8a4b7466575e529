DROP INDEX comments_created_idx;
DROP INDEX answers_created_idx;
DROP INDEX questions_created_idx;
