-- The newest framework version each member has seen, so the first visit after a new version
-- says what changed. Removed with the user or the framework.
CREATE TABLE framework_views (
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  framework_id uuid NOT NULL REFERENCES frameworks(id) ON DELETE CASCADE,
  seen_number  integer NOT NULL CHECK (seen_number >= 1),
  seen_at      timestamptz NOT NULL,
  PRIMARY KEY (user_id, framework_id)
);
CREATE INDEX framework_views_framework_idx ON framework_views (framework_id);
