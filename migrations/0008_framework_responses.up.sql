-- Members respond to the current framework version (src/frameworks/responses): a comment, an
-- "unclear to me in practice" flag or a proposal for sharper text, on a section or one learning
-- question. Flags and proposals are unsigned unless the member signs: author_id is kept for rate
-- limiting and AVG requests only and never shown for an unsigned response.
CREATE TABLE framework_responses (
  id                    uuid PRIMARY KEY,
  framework_id          uuid NOT NULL REFERENCES frameworks(id) ON DELETE CASCADE,
  version_id            uuid NOT NULL REFERENCES framework_versions(id) ON DELETE CASCADE,
  target                text NOT NULL CHECK (target IN ('purpose', 'room', 'constraints', 'indicators', 'learning_question')),
  learning_question_id  uuid REFERENCES learning_questions(id) ON DELETE CASCADE,
  kind                  text NOT NULL CHECK (kind IN ('comment', 'unclear', 'proposal')),
  body                  text NOT NULL DEFAULT '' CHECK (length(body) <= 2000),
  signed                boolean NOT NULL DEFAULT false,
  author_id             uuid REFERENCES users(id) ON DELETE SET NULL,
  status                text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'adopted')),
  reply                 text NOT NULL DEFAULT '' CHECK (length(reply) <= 1000),
  replied_by            uuid REFERENCES users(id) ON DELETE SET NULL,
  replied_at            timestamptz,
  credit_proposer       boolean NOT NULL DEFAULT false,
  created_at            timestamptz NOT NULL,
  CHECK ((target = 'learning_question') = (learning_question_id IS NOT NULL)),
  -- Comments always show their author; only a signed proposal can credit its proposer.
  CHECK (kind <> 'comment' OR signed),
  CHECK (NOT credit_proposer OR (signed AND kind = 'proposal' AND status = 'adopted')),
  CHECK (kind = 'unclear' OR length(body) >= 1)
);
CREATE INDEX framework_responses_framework_idx ON framework_responses (framework_id, created_at);
CREATE INDEX framework_responses_version_idx ON framework_responses (version_id);
CREATE INDEX framework_responses_learning_question_idx ON framework_responses (learning_question_id);
CREATE INDEX framework_responses_author_idx ON framework_responses (author_id, created_at);
CREATE INDEX framework_responses_replied_by_idx ON framework_responses (replied_by);
