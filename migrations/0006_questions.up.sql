-- Questions and answers (bevragen) and the search index that spans every kind of content.
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Dutch stemming after accent folding: `cliënt` and `client` share a lexeme, and
-- `gemeenten` stems to the same lexeme as `gemeente`.
CREATE TEXT SEARCH CONFIGURATION leerkring_nl (COPY = pg_catalog.dutch);
ALTER TEXT SEARCH CONFIGURATION leerkring_nl
  ALTER MAPPING FOR hword, hword_part, word, asciiword, asciihword, hword_asciipart WITH unaccent, dutch_stem;

-- A community decides whether members may ask without showing their name to other members.
ALTER TABLE communities ADD COLUMN allow_pseudonymous_questions boolean NOT NULL DEFAULT false;

CREATE TABLE questions (
  id              uuid PRIMARY KEY,
  community_id    uuid NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  author_id       uuid REFERENCES users(id) ON DELETE SET NULL,
  kind            text NOT NULL CHECK (kind IN ('what', 'how')),
  title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body            text NOT NULL CHECK (length(body) <= 20000),
  tags            text[] NOT NULL DEFAULT '{}',
  -- Set once the frameworks capability adds learning questions (leervragen); its migration
  -- adds the foreign key. Until then always NULL.
  learning_question_id uuid,
  -- Shown without the author's name to members; facilitators still see who asked.
  is_pseudonymous boolean NOT NULL DEFAULT false,
  accepted_answer_id uuid,
  duplicate_of_id uuid REFERENCES questions(id) ON DELETE SET NULL,
  closed_at       timestamptz,
  closed_by       uuid REFERENCES users(id) ON DELETE SET NULL,
  answer_count    integer NOT NULL DEFAULT 0 CHECK (answer_count >= 0),
  -- Sum of "this helped" over the question's visible answers, for the "most helped" order.
  helped_count    integer NOT NULL DEFAULT 0 CHECK (helped_count >= 0),
  deleted_at      timestamptz,
  hidden_at       timestamptz,
  hidden_by       uuid REFERENCES users(id) ON DELETE SET NULL,
  hidden_reason   text,
  created_at      timestamptz NOT NULL,
  edited_at       timestamptz,
  last_activity_at timestamptz NOT NULL
);
-- The community list: every order is served by an index on the live questions.
-- Not partial: it also serves deleting a community.
CREATE INDEX questions_community_created_idx ON questions (community_id, created_at DESC, id DESC);
CREATE INDEX questions_community_activity_idx ON questions (community_id, last_activity_at DESC, id DESC) WHERE deleted_at IS NULL AND hidden_at IS NULL;
CREATE INDEX questions_community_helped_idx ON questions (community_id, helped_count DESC, created_at DESC, id DESC) WHERE deleted_at IS NULL AND hidden_at IS NULL;
CREATE INDEX questions_community_unanswered_idx ON questions (community_id, created_at DESC, id DESC) WHERE deleted_at IS NULL AND hidden_at IS NULL AND answer_count = 0;
CREATE INDEX questions_author_idx ON questions (author_id, created_at DESC);
CREATE INDEX questions_tags_idx ON questions USING gin (tags) WHERE deleted_at IS NULL AND hidden_at IS NULL;
CREATE INDEX questions_learning_question_idx ON questions (learning_question_id) WHERE learning_question_id IS NOT NULL;
CREATE INDEX questions_duplicate_of_idx ON questions (duplicate_of_id);
CREATE INDEX questions_closed_by_idx ON questions (closed_by);
CREATE INDEX questions_hidden_by_idx ON questions (hidden_by);

CREATE TABLE answers (
  id            uuid PRIMARY KEY,
  question_id   uuid NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
  author_id     uuid REFERENCES users(id) ON DELETE SET NULL,
  body          text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  helped_count  integer NOT NULL DEFAULT 0 CHECK (helped_count >= 0),
  deleted_at    timestamptz,
  hidden_at     timestamptz,
  hidden_by     uuid REFERENCES users(id) ON DELETE SET NULL,
  hidden_reason text,
  created_at    timestamptz NOT NULL,
  edited_at     timestamptz
);
CREATE INDEX answers_question_idx ON answers (question_id, created_at, id);
CREATE INDEX answers_author_idx ON answers (author_id);
CREATE INDEX answers_hidden_by_idx ON answers (hidden_by);
ALTER TABLE questions ADD CONSTRAINT questions_accepted_answer_fk FOREIGN KEY (accepted_answer_id) REFERENCES answers(id) ON DELETE SET NULL;
CREATE INDEX questions_accepted_answer_idx ON questions (accepted_answer_id);

-- Short remarks on a question or on one of its answers; question_id is always set so a
-- question page reads all its comments in one indexed query.
CREATE TABLE comments (
  id            uuid PRIMARY KEY,
  question_id   uuid NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
  answer_id     uuid REFERENCES answers(id) ON DELETE CASCADE,
  author_id     uuid REFERENCES users(id) ON DELETE SET NULL,
  body          text NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
  deleted_at    timestamptz,
  hidden_at     timestamptz,
  hidden_by     uuid REFERENCES users(id) ON DELETE SET NULL,
  hidden_reason text,
  created_at    timestamptz NOT NULL
);
CREATE INDEX comments_question_idx ON comments (question_id, created_at, id);
CREATE INDEX comments_answer_idx ON comments (answer_id);
CREATE INDEX comments_author_idx ON comments (author_id);
CREATE INDEX comments_hidden_by_idx ON comments (hidden_by);

-- Every version of a question or answer, the first included: the history members can read.
CREATE TABLE revisions (
  id           uuid PRIMARY KEY,
  question_id  uuid NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
  answer_id    uuid REFERENCES answers(id) ON DELETE CASCADE,
  editor_id    uuid REFERENCES users(id) ON DELETE SET NULL,
  title        text,
  body         text NOT NULL,
  tags         text[],
  created_at   timestamptz NOT NULL
);
CREATE INDEX revisions_question_idx ON revisions (question_id, answer_id, created_at, id);
CREATE INDEX revisions_answer_idx ON revisions (answer_id, created_at, id);
CREATE INDEX revisions_editor_idx ON revisions (editor_id);

-- "Dit hielp": one per person per answer; answers.helped_count is kept equal to the rows.
CREATE TABLE answer_helped (
  answer_id  uuid NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (answer_id, user_id)
);
CREATE INDEX answer_helped_user_idx ON answer_helped (user_id);

CREATE TABLE question_follows (
  question_id uuid NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (question_id, user_id)
);
CREATE INDEX question_follows_user_idx ON question_follows (user_id);

-- Colleagues the asker invited to answer; kept so one person is asked once.
CREATE TABLE answer_invitations (
  question_id uuid NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
  invitee_id  uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  invited_by  uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (question_id, invitee_id)
);
CREATE INDEX answer_invitations_invitee_idx ON answer_invitations (invitee_id);
CREATE INDEX answer_invitations_invited_by_idx ON answer_invitations (invited_by);

-- The search index: one row per searchable item of any kind (question, answer; later practice
-- stories and frameworks), written by the owning feature in the same transaction as the item.
-- Hidden and deleted items have no row. community_id carries the visibility rule.
CREATE TABLE search_documents (
  id            uuid PRIMARY KEY,
  kind          text NOT NULL,
  community_id  uuid NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  -- The page the result links to (for an answer: its question).
  parent_id     uuid,
  title         text NOT NULL,
  body          text NOT NULL,
  tags          text[] NOT NULL DEFAULT '{}',
  question_kind text,
  created_at    timestamptz NOT NULL,
  search        tsvector NOT NULL
);
CREATE INDEX search_documents_search_idx ON search_documents USING gin (search);
-- Common words match a large share of everything; those searches walk this index newest first.
CREATE INDEX search_documents_recent_idx ON search_documents (created_at DESC, id);
CREATE INDEX search_documents_community_idx ON search_documents (community_id, created_at DESC);
CREATE INDEX search_documents_title_trgm_idx ON search_documents USING gin (lower(title) gin_trgm_ops) WHERE kind = 'question';
CREATE INDEX search_documents_tags_idx ON search_documents USING gin (tags);

-- Words of titles per community, for "did you mean" suggestions. Per community, so a word from
-- a secret community is only ever suggested to someone who may see that community.
CREATE TABLE search_words (
  community_id uuid NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  word         text NOT NULL,
  documents    integer NOT NULL CHECK (documents >= 0),
  PRIMARY KEY (community_id, word)
);
CREATE INDEX search_words_trgm_idx ON search_words USING gin (word gin_trgm_ops);

-- Searches that found nothing, counted per community and day; no user identity is kept.
CREATE TABLE search_misses (
  community_id uuid NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  day          date NOT NULL,
  query        text NOT NULL,
  count        integer NOT NULL,
  PRIMARY KEY (community_id, day, query)
);
