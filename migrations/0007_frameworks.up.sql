-- Frameworks (kaders): per community, written by management, versioned. Published versions are
-- history and never change; at most one draft per framework is being written.
CREATE TABLE frameworks (
  id            uuid PRIMARY KEY,
  community_id  uuid NOT NULL UNIQUE REFERENCES communities(id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL
);

CREATE TABLE framework_versions (
  id            uuid PRIMARY KEY,
  framework_id  uuid NOT NULL REFERENCES frameworks(id) ON DELETE CASCADE,
  number        integer NOT NULL CHECK (number >= 1),
  status        text NOT NULL CHECK (status IN ('draft', 'published')),
  purpose       text NOT NULL DEFAULT '' CHECK (length(purpose) <= 5000),
  room          text NOT NULL DEFAULT '' CHECK (length(room) <= 5000),
  constraints   text NOT NULL DEFAULT '' CHECK (length(constraints) <= 5000),
  indicators    text NOT NULL DEFAULT '' CHECK (length(indicators) <= 5000),
  review_date   date,
  -- "What changed and why" (aanscherping); required from version 2 on, checked when publishing.
  change_note   text NOT NULL DEFAULT '' CHECK (length(change_note) <= 2000),
  created_by    uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL,
  published_by  uuid REFERENCES users(id) ON DELETE SET NULL,
  published_at  timestamptz,
  CHECK ((status = 'published') = (published_at IS NOT NULL)),
  UNIQUE (framework_id, number)
);
-- One draft at a time: two managers opening the editor at once share it.
CREATE UNIQUE INDEX framework_versions_one_draft_idx ON framework_versions (framework_id) WHERE status = 'draft';
CREATE INDEX framework_versions_created_by_idx ON framework_versions (created_by);
CREATE INDEX framework_versions_published_by_idx ON framework_versions (published_by);

-- Published versions are history: a sharpening is a new version, never an edit.
CREATE FUNCTION framework_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' AND (NEW.purpose, NEW.room, NEW.constraints, NEW.indicators, NEW.review_date, NEW.change_note, NEW.number, NEW.status, NEW.published_at)
     IS DISTINCT FROM (OLD.purpose, OLD.room, OLD.constraints, OLD.indicators, OLD.review_date, OLD.change_note, OLD.number, OLD.status, OLD.published_at) THEN
    RAISE EXCEPTION 'published framework versions are immutable' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER framework_versions_immutable BEFORE UPDATE ON framework_versions
  FOR EACH ROW EXECUTE FUNCTION framework_versions_immutable();

-- A learning question (leervraag) keeps its id across versions, so questions and practices
-- linked to it stay linked while its wording is sharpened.
CREATE TABLE learning_questions (
  id            uuid PRIMARY KEY,
  framework_id  uuid NOT NULL REFERENCES frameworks(id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL
);
CREATE INDEX learning_questions_framework_idx ON learning_questions (framework_id);

CREATE TABLE framework_version_learning_questions (
  version_id            uuid NOT NULL REFERENCES framework_versions(id) ON DELETE CASCADE,
  learning_question_id  uuid NOT NULL REFERENCES learning_questions(id) ON DELETE CASCADE,
  position              integer NOT NULL CHECK (position >= 0),
  kind                  text NOT NULL CHECK (kind IN ('what', 'how')),
  text                  text NOT NULL CHECK (length(text) BETWEEN 1 AND 300),
  explanation           text NOT NULL DEFAULT '' CHECK (length(explanation) <= 1000),
  PRIMARY KEY (version_id, learning_question_id),
  UNIQUE (version_id, position)
);
CREATE INDEX framework_version_learning_questions_lq_idx ON framework_version_learning_questions (learning_question_id);

ALTER TABLE questions ADD CONSTRAINT questions_learning_question_id_fkey
  FOREIGN KEY (learning_question_id) REFERENCES learning_questions(id) ON DELETE SET NULL;
-- The foreign key needs a full index (deleting a learning question must not scan questions);
-- it replaces the partial one from 0006.
DROP INDEX questions_learning_question_idx;
CREATE INDEX questions_learning_question_idx ON questions (learning_question_id);
