-- Targeted prompts (gerichte prikkels): a facilitator's small, well-timed nudge to (part of) a
-- community, delivered once per occurrence per person, within a weekly noise budget.

-- At most this many prompts per member per week, over all communities (the member's organisation decides).
ALTER TABLE organisations ADD COLUMN prompt_budget_per_week integer NOT NULL DEFAULT 2 CHECK (prompt_budget_per_week BETWEEN 0 AND 14);
-- Whether prompts also arrive by e-mail (they always arrive in Leerkring).
ALTER TABLE users ADD COLUMN prompt_email boolean NOT NULL DEFAULT true;
-- No prompts at all until this moment.
ALTER TABLE users ADD COLUMN prompts_snoozed_until timestamptz;

CREATE TABLE prompts (
  id                  uuid PRIMARY KEY,
  community_id        uuid NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  author_id           uuid REFERENCES users(id) ON DELETE SET NULL,
  kind                text NOT NULL CHECK (kind IN ('reflection', 'try_this_week', 'poll', 'observation')),
  text                text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  learning_question_id uuid REFERENCES learning_questions(id) ON DELETE SET NULL,
  response_mode       text NOT NULL CHECK (response_mode IN ('text', 'choice', 'done')),
  -- Fixed up front and shown to every recipient.
  response_visibility text NOT NULL CHECK (response_visibility IN ('facilitators', 'community', 'anonymous')),
  poll_options        text[] NOT NULL DEFAULT '{}',
  -- Audience filters within the community's active members: {organisationIds, jobTitle, expertiseTag, joinedWithinDays, inactiveForDays}.
  audience            jsonb NOT NULL DEFAULT '{}',
  -- now | once | weekly; occurrences are expanded when the prompt is scheduled.
  schedule_kind       text NOT NULL CHECK (schedule_kind IN ('now', 'once', 'weekly')),
  -- As the sender chose it (Europe/Amsterdam), for showing and editing: {date, time, weekday, until}.
  schedule            jsonb NOT NULL DEFAULT '{}',
  response_window_hours integer NOT NULL CHECK (response_window_hours BETWEEN 1 AND 720),
  reminder_after_hours integer CHECK (reminder_after_hours >= 1),
  cancelled_at        timestamptz,
  created_at          timestamptz NOT NULL
);
CREATE INDEX prompts_community_idx ON prompts (community_id, created_at DESC);
CREATE INDEX prompts_author_idx ON prompts (author_id);
CREATE INDEX prompts_learning_question_idx ON prompts (learning_question_id);

-- One row per moment a prompt goes out. The scheduler claims due rows (FOR UPDATE SKIP LOCKED)
-- on the database clock; `delivered_at` set means it went out, exactly once.
CREATE TABLE prompt_occurrences (
  id            uuid PRIMARY KEY,
  prompt_id     uuid NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
  number        integer NOT NULL CHECK (number >= 1),
  scheduled_for timestamptz NOT NULL,
  delivered_at  timestamptz,
  UNIQUE (prompt_id, number)
);
CREATE INDEX prompt_occurrences_due_idx ON prompt_occurrences (scheduled_for) WHERE delivered_at IS NULL;

-- Who got an occurrence, and how. The primary key is the idempotency key: a second delivery of
-- the same occurrence to the same person cannot exist.
--   delivered: in the inbox (and mailed when the person wants mail)
--   held:      over the week's noise budget; released in a later week
--   snoozed, opted_out: not delivered; the sender sees them as counts
CREATE TABLE prompt_deliveries (
  occurrence_id  uuid NOT NULL REFERENCES prompt_occurrences(id) ON DELETE CASCADE,
  user_id        uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  prompt_id      uuid NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
  status         text NOT NULL CHECK (status IN ('delivered', 'held', 'snoozed', 'opted_out')),
  -- The Monday (Europe/Amsterdam) of the week it counts against.
  week_start     date NOT NULL,
  delivered_at   timestamptz,
  closes_at      timestamptz,
  remind_at      timestamptz,
  reminded_at    timestamptz,
  -- Mail: wanted when the person wants prompt mail; claimed by one sender, then sent.
  mail_wanted    boolean NOT NULL DEFAULT false,
  mail_claimed_at timestamptz,
  mailed_at      timestamptz,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (occurrence_id, user_id)
);
CREATE INDEX prompt_deliveries_user_idx ON prompt_deliveries (user_id, delivered_at DESC);
CREATE INDEX prompt_deliveries_budget_idx ON prompt_deliveries (user_id, week_start) WHERE status = 'delivered';
CREATE INDEX prompt_deliveries_held_idx ON prompt_deliveries (week_start, created_at) WHERE status = 'held';
CREATE INDEX prompt_deliveries_mail_idx ON prompt_deliveries (delivered_at) WHERE mail_wanted AND mailed_at IS NULL;
CREATE INDEX prompt_deliveries_remind_idx ON prompt_deliveries (remind_at) WHERE reminded_at IS NULL AND remind_at IS NOT NULL;
CREATE INDEX prompt_deliveries_prompt_idx ON prompt_deliveries (prompt_id, status);

CREATE TABLE prompt_responses (
  id            uuid PRIMARY KEY,
  occurrence_id uuid NOT NULL,
  -- Kept so the respondent can edit until the window closes and is not reminded; never shown
  -- for anonymous prompts (the use cases strip it before anything leaves them).
  user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  prompt_id     uuid NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
  choice        integer CHECK (choice BETWEEN 0 AND 7),
  body          text NOT NULL DEFAULT '' CHECK (length(body) <= 5000),
  -- The respondent agreed that the sender may turn it into a practice story or a question.
  may_reuse     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  UNIQUE (occurrence_id, user_id),
  FOREIGN KEY (occurrence_id, user_id) REFERENCES prompt_deliveries (occurrence_id, user_id) ON DELETE CASCADE
);
CREATE INDEX prompt_responses_prompt_idx ON prompt_responses (prompt_id, created_at);
CREATE INDEX prompt_responses_user_idx ON prompt_responses (user_id);

-- "No prompts from this community."
CREATE TABLE prompt_opt_outs (
  user_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  community_id uuid NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (user_id, community_id)
);
CREATE INDEX prompt_opt_outs_community_idx ON prompt_opt_outs (community_id);
