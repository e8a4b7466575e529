-- A practice story shown in other communities has a search document per community (the share's
-- row points to the story with parent_id). Search lists one story once: it skips a share's row
-- when the reader also sees the story's home row, or an earlier share's row of the same story.
-- This index finds those sibling rows.
CREATE INDEX search_documents_practice_parent_idx ON search_documents (parent_id, id) WHERE kind = 'practice' AND parent_id IS NOT NULL;
