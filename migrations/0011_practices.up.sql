-- Practice stories (delen en afkijken): shared in one community, optionally shown in others,
-- reacted to, commented on, tried elsewhere (a tree of "geprobeerd" reports) and visited.

-- A community decides whether stories may be shared into it from, and out of it to, other
-- communities; sharing needs both ends to allow it.
ALTER TABLE communities ADD COLUMN allow_practice_sharing boolean NOT NULL DEFAULT true;

CREATE TABLE practices (
  id              uuid PRIMARY KEY,
  -- The community it was shared in first: its facilitators moderate it.
  community_id    uuid NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  author_id       uuid REFERENCES users(id) ON DELETE SET NULL,
  title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  -- The guided form: the situation, what I did, what happened, what I learned or still doubt.
  situation       text NOT NULL CHECK (length(situation) BETWEEN 1 AND 10000),
  action          text NOT NULL CHECK (length(action) BETWEEN 1 AND 10000),
  outcome         text NOT NULL DEFAULT '' CHECK (length(outcome) <= 10000),
  learning        text NOT NULL DEFAULT '' CHECK (length(learning) <= 10000),
  tags            text[] NOT NULL DEFAULT '{}',
  learning_question_id uuid REFERENCES learning_questions(id) ON DELETE SET NULL,
  -- Kept equal to the rows of practice_reactions, practice_tries and practice_comments.
  recognised_count integer NOT NULL DEFAULT 0 CHECK (recognised_count >= 0),
  will_try_count  integer NOT NULL DEFAULT 0 CHECK (will_try_count >= 0),
  tried_count     integer NOT NULL DEFAULT 0 CHECK (tried_count >= 0),
  comment_count   integer NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
  deleted_at      timestamptz,
  hidden_at       timestamptz,
  hidden_by       uuid REFERENCES users(id) ON DELETE SET NULL,
  hidden_reason   text,
  created_at      timestamptz NOT NULL,
  edited_at       timestamptz,
  last_activity_at timestamptz NOT NULL
);
CREATE INDEX practices_community_created_idx ON practices (community_id, created_at DESC, id DESC);
CREATE INDEX practices_community_tried_idx ON practices (community_id, tried_count DESC, created_at DESC, id DESC) WHERE deleted_at IS NULL AND hidden_at IS NULL;
CREATE INDEX practices_author_idx ON practices (author_id, created_at DESC);
CREATE INDEX practices_tags_idx ON practices USING gin (tags) WHERE deleted_at IS NULL AND hidden_at IS NULL;
CREATE INDEX practices_learning_question_idx ON practices (learning_question_id);
CREATE INDEX practices_hidden_by_idx ON practices (hidden_by);

-- The other communities a story is shown in. It stays one item; see docs/architecture.md for
-- who sees what of a shared story.
CREATE TABLE practice_shares (
  id            uuid PRIMARY KEY,
  practice_id   uuid NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  community_id  uuid NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  shared_by     uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL,
  UNIQUE (practice_id, community_id)
);
CREATE INDEX practice_shares_community_idx ON practice_shares (community_id, created_at DESC);
CREATE INDEX practice_shares_shared_by_idx ON practice_shares (shared_by);

-- "Herkenbaar" and "ga ik proberen": one of each per person, taken back by deleting the row.
CREATE TABLE practice_reactions (
  practice_id uuid NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('recognise', 'will_try')),
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (practice_id, user_id, kind)
);
CREATE INDEX practice_reactions_user_idx ON practice_reactions (user_id);

-- Comments and "how would you handle it?" alternatives. community_id is where it was written:
-- on a shared story a remark is seen only by those who may see that community as well.
CREATE TABLE practice_comments (
  id            uuid PRIMARY KEY,
  practice_id   uuid NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  community_id  uuid NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  kind          text NOT NULL CHECK (kind IN ('comment', 'alternative')),
  author_id     uuid REFERENCES users(id) ON DELETE SET NULL,
  body          text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  deleted_at    timestamptz,
  hidden_at     timestamptz,
  hidden_by     uuid REFERENCES users(id) ON DELETE SET NULL,
  hidden_reason text,
  created_at    timestamptz NOT NULL,
  edited_at     timestamptz
);
CREATE INDEX practice_comments_practice_idx ON practice_comments (practice_id, created_at, id);
CREATE INDEX practice_comments_community_idx ON practice_comments (community_id);
CREATE INDEX practice_comments_author_idx ON practice_comments (author_id);
CREATE INDEX practice_comments_hidden_by_idx ON practice_comments (hidden_by);

-- "Geprobeerd": who tried a story where and how it went. A report may itself be tried, so the
-- trail is a tree under the story (parent_id NULL: tried from the story itself).
CREATE TABLE practice_tries (
  id              uuid PRIMARY KEY,
  practice_id     uuid NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  parent_id       uuid REFERENCES practice_tries(id) ON DELETE CASCADE,
  depth           integer NOT NULL CHECK (depth BETWEEN 0 AND 20),
  community_id    uuid NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  author_id       uuid REFERENCES users(id) ON DELETE SET NULL,
  -- Where it was tried, as it was then: the organisation of the author and the team they name.
  organisation_id uuid REFERENCES organisations(id) ON DELETE SET NULL,
  team            text NOT NULL CHECK (length(team) BETWEEN 1 AND 100),
  result          text NOT NULL CHECK (result IN ('worked', 'partly', 'not_yet')),
  adapted         text NOT NULL CHECK (length(adapted) BETWEEN 1 AND 5000),
  how_it_went     text NOT NULL CHECK (length(how_it_went) BETWEEN 1 AND 5000),
  deleted_at      timestamptz,
  hidden_at       timestamptz,
  hidden_by       uuid REFERENCES users(id) ON DELETE SET NULL,
  hidden_reason   text,
  created_at      timestamptz NOT NULL
);
CREATE INDEX practice_tries_practice_idx ON practice_tries (practice_id, created_at, id);
CREATE INDEX practice_tries_parent_idx ON practice_tries (parent_id);
CREATE INDEX practice_tries_community_idx ON practice_tries (community_id);
CREATE INDEX practice_tries_author_idx ON practice_tries (author_id);
CREATE INDEX practice_tries_organisation_idx ON practice_tries (organisation_id);
CREATE INDEX practice_tries_hidden_by_idx ON practice_tries (hidden_by);

-- Files with a story. The bytes live in the configured store (local disk or S3) under
-- storage_key; the type was sniffed from the content and images were re-encoded.
CREATE TABLE practice_attachments (
  id            uuid PRIMARY KEY,
  practice_id   uuid NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  uploader_id   uuid REFERENCES users(id) ON DELETE SET NULL,
  file_name     text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content_type  text NOT NULL,
  byte_size     integer NOT NULL CHECK (byte_size > 0),
  storage_key   text NOT NULL UNIQUE,
  is_image      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL
);
CREATE INDEX practice_attachments_practice_idx ON practice_attachments (practice_id, created_at, id);
CREATE INDEX practice_attachments_uploader_idx ON practice_attachments (uploader_id);

-- "Meekijken": a request to visit or shadow the author. Whoever's turn it is accepts, proposes
-- another time (the turn passes to the other) or declines.
CREATE TABLE visit_requests (
  id             uuid PRIMARY KEY,
  practice_id    uuid NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
  requester_id   uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  host_id        uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  starts_at      timestamptz NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 480),
  message        text NOT NULL DEFAULT '' CHECK (length(message) <= 2000),
  status         text NOT NULL CHECK (status IN ('awaiting_host', 'awaiting_requester', 'accepted', 'declined', 'cancelled')),
  -- Raised with every change of time, so a calendar replaces the earlier invitation.
  sequence       integer NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);
CREATE INDEX visit_requests_practice_idx ON visit_requests (practice_id, created_at DESC);
CREATE INDEX visit_requests_requester_idx ON visit_requests (requester_id, created_at DESC);
CREATE INDEX visit_requests_host_idx ON visit_requests (host_id, created_at DESC);
