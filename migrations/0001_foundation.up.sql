-- Foundation: organisations (tenants), accounts, sessions, tokens, communities, rate limits.
CREATE EXTENSION IF NOT EXISTS citext;

CREATE TABLE organisations (
  id            uuid PRIMARY KEY,
  slug          text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name          text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
  kind          text NOT NULL CHECK (kind IN ('municipality', 'partner')),
  email_domains text[] NOT NULL DEFAULT '{}',
  allow_self_signup boolean NOT NULL DEFAULT false,
  -- Theme tokens (CSS custom properties) this organisation overrides; validated on write.
  theme         jsonb NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisations_email_domains_idx ON organisations USING gin (email_domains);

CREATE TABLE users (
  id              uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  email           citext NOT NULL UNIQUE,
  name            text NOT NULL,
  job_title       text NOT NULL DEFAULT '',
  bio             text NOT NULL DEFAULT '',
  expertise       text[] NOT NULL DEFAULT '{}',
  locale          text NOT NULL DEFAULT 'nl' CHECK (locale IN ('nl', 'en')),
  password_hash   text,
  role            text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'manager', 'admin')),
  is_platform_admin boolean NOT NULL DEFAULT false,
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('pending', 'active', 'deactivated')),
  email_verified_at timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_organisation_idx ON users (organisation_id, name);

-- Server-side sessions: the cookie holds a random token, the table only its SHA-256.
CREATE TABLE sessions (
  id           uuid PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash   bytea NOT NULL UNIQUE,
  csrf_secret  text NOT NULL,
  user_agent   text NOT NULL DEFAULT '',
  ip           text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Personal access tokens for the API; stored hashed, shown once.
CREATE TABLE access_tokens (
  id           uuid PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         text NOT NULL,
  token_hash   bytea NOT NULL UNIQUE,
  scope        text NOT NULL CHECK (scope IN ('read', 'read_write')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX access_tokens_user_idx ON access_tokens (user_id);

-- Single-use links: e-mail verification and password reset. Invitations have their own table.
CREATE TABLE one_time_tokens (
  id         uuid PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose    text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
  token_hash bytea NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE INDEX one_time_tokens_user_idx ON one_time_tokens (user_id, purpose);

CREATE TABLE invitations (
  id              uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  email           citext NOT NULL,
  role            text NOT NULL CHECK (role IN ('member', 'manager', 'admin')),
  invited_by      uuid REFERENCES users(id) ON DELETE SET NULL,
  token_hash      bytea NOT NULL UNIQUE,
  locale          text NOT NULL DEFAULT 'nl' CHECK (locale IN ('nl', 'en')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  accepted_at     timestamptz,
  revoked_at      timestamptz
);
CREATE INDEX invitations_org_idx ON invitations (organisation_id, created_at DESC);

CREATE TABLE communities (
  id              uuid PRIMARY KEY,
  slug            text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name            text NOT NULL,
  purpose         text NOT NULL DEFAULT '',
  tags            text[] NOT NULL DEFAULT '{}',
  visibility      text NOT NULL CHECK (visibility IN ('open', 'closed', 'secret')),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  created_by      uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX communities_org_idx ON communities (organisation_id);
CREATE INDEX communities_name_idx ON communities (lower(name), id);

-- Partner organisations whose members may join (a community spanning organisations).
CREATE TABLE community_partners (
  community_id    uuid NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  PRIMARY KEY (community_id, organisation_id)
);
CREATE INDEX community_partners_org_idx ON community_partners (organisation_id);

CREATE TABLE community_members (
  community_id uuid NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role         text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'facilitator')),
  -- requested: asked to join a closed community; invited: waits for the invitee to accept.
  status       text NOT NULL CHECK (status IN ('active', 'requested', 'invited')),
  message      text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now(),
  decided_at   timestamptz,
  decided_by   uuid REFERENCES users(id) ON DELETE SET NULL,
  PRIMARY KEY (community_id, user_id)
);
CREATE INDEX community_members_user_idx ON community_members (user_id, status);
CREATE INDEX community_members_list_idx ON community_members (community_id, status, created_at);

-- Fixed-window counters shared by every app instance (log-in, sign-up, reset, posting).
CREATE TABLE rate_limits (
  key          text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  hits         integer NOT NULL
);

-- Who did what to whom, for admins and AVG requests; never shown to managers as activity.
CREATE TABLE audit_log (
  id              bigserial PRIMARY KEY,
  organisation_id uuid REFERENCES organisations(id) ON DELETE CASCADE,
  actor_id        uuid REFERENCES users(id) ON DELETE SET NULL,
  action          text NOT NULL,
  subject_id      uuid,
  details         jsonb NOT NULL DEFAULT '{}',
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_org_idx ON audit_log (organisation_id, created_at DESC);
