-- Notifications, e-mail at once and in digests, live counts.

-- Every domain event, written in the transaction that caused it (the outbox): notifications are
-- made from it by a job, so a crash after the commit loses nothing.
CREATE TABLE event_outbox (
  id           bigserial PRIMARY KEY,
  name         text NOT NULL,
  payload      jsonb NOT NULL,
  occurred_at  timestamptz NOT NULL,
  processed_at timestamptz
);
CREATE INDEX event_outbox_pending_idx ON event_outbox (id) WHERE processed_at IS NULL;
CREATE INDEX event_outbox_processed_idx ON event_outbox (processed_at) WHERE processed_at IS NOT NULL;

-- One row per thing that concerns one person. What it is about is referenced, not copied: pages
-- and mails read titles live, through the visibility rules, so nothing outlives access.
CREATE TABLE notifications (
  id            uuid PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind          text NOT NULL,
  community_id  uuid REFERENCES communities(id) ON DELETE CASCADE,
  -- The item it is about (a question, a story, a prompt occurrence, …) and, for grouping, its kind.
  subject_kind  text NOT NULL,
  subject_id    uuid NOT NULL,
  actor_id      uuid REFERENCES users(id) ON DELETE SET NULL,
  -- Small, non-sensitive extras (e.g. the answer id to link to); never titles or bodies.
  data          jsonb NOT NULL DEFAULT '{}',
  -- How it reaches the person, decided from their preferences when it was made.
  channel       text NOT NULL CHECK (channel IN ('in_app', 'immediate', 'digest')),
  read_at       timestamptz,
  -- E-mail at once: claimed by one sender, then sent (or given up after a hard bounce).
  mail_claimed_at timestamptz,
  mailed_at     timestamptz,
  mail_attempts integer NOT NULL DEFAULT 0,
  mail_next_attempt_at timestamptz,
  created_at    timestamptz NOT NULL,
  event_id      bigint NOT NULL,
  UNIQUE (event_id, user_id, subject_id)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_mail_idx ON notifications (mail_next_attempt_at) WHERE channel = 'immediate' AND mailed_at IS NULL;
CREATE INDEX notifications_digest_idx ON notifications (user_id, created_at) WHERE channel = 'digest';
CREATE INDEX notifications_community_idx ON notifications (community_id);
CREATE INDEX notifications_actor_idx ON notifications (actor_id);

-- Per kind (a category of notifications), optionally per community: how it should reach me.
CREATE TABLE notification_preferences (
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  category     text NOT NULL,
  -- NULL: every community (the default for the category).
  community_id uuid REFERENCES communities(id) ON DELETE CASCADE,
  channel      text NOT NULL CHECK (channel IN ('in_app', 'immediate', 'digest', 'off')),
  updated_at   timestamptz NOT NULL
);
CREATE UNIQUE INDEX notification_preferences_key ON notification_preferences (user_id, category, coalesce(community_id, '00000000-0000-0000-0000-000000000000'));
CREATE INDEX notification_preferences_community_idx ON notification_preferences (community_id);

ALTER TABLE users ADD COLUMN digest_frequency text NOT NULL DEFAULT 'daily' CHECK (digest_frequency IN ('daily', 'weekly', 'off'));
-- A permanent delivery failure: no more mail to this address until it changes.
ALTER TABLE users ADD COLUMN email_bounced_at timestamptz;

-- A digest per person per period, at most once: the key is claimed before the mail is sent.
CREATE TABLE digest_runs (
  user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  period     text NOT NULL,
  -- Where the next digest starts reading.
  covers_until timestamptz NOT NULL,
  sent_at    timestamptz,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, period)
);

-- Secrets the platform makes for itself (the key that signs unsubscribe links), shared by all instances.
CREATE TABLE platform_secrets (
  name       text PRIMARY KEY,
  value      text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
