DELETE FROM search_documents WHERE kind = 'practice';
DROP TABLE visit_requests;
DROP TABLE practice_attachments;
DROP TABLE practice_tries;
DROP TABLE practice_comments;
DROP TABLE practice_reactions;
DROP TABLE practice_shares;
DROP TABLE practices;
ALTER TABLE communities DROP COLUMN allow_practice_sharing;
