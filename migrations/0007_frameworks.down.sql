DROP INDEX questions_learning_question_idx;
CREATE INDEX questions_learning_question_idx ON questions (learning_question_id) WHERE learning_question_id IS NOT NULL;
ALTER TABLE questions DROP CONSTRAINT questions_learning_question_id_fkey;
DROP TABLE framework_version_learning_questions;
DROP TABLE learning_questions;
DROP TABLE framework_versions;
DROP FUNCTION framework_versions_immutable();
DROP TABLE frameworks;
