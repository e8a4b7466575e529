-- When the managers were reminded that a framework version's review date has come, so the daily
-- job reminds once per version. Not part of the published content (the immutability trigger of
-- 0007 checks only the content columns).
ALTER TABLE framework_versions ADD COLUMN review_reminded_at timestamptz;
CREATE INDEX framework_versions_review_due_idx ON framework_versions (review_date) WHERE status = 'published' AND review_reminded_at IS NULL;
