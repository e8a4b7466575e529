-- Signals (signalen): aggregate figures per community and week for facilitators and managers,
-- maintained by the hourly `signals.rollup` job so a dashboard never scans the source tables.
-- No row here names a person: people-based figures keep only how many distinct people a
-- figure covers, which the privacy rules (src/signals/privacy.ts) need to suppress small ones.

-- One figure of one community in one week (Monday, Europe/Amsterdam). `subject` is '' for a
-- community figure, a learning question's id for a per-learning-question figure, or the query
-- text for a search that found nothing.
CREATE TABLE signal_weekly (
  community_id uuid NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  week_start   date NOT NULL CHECK (EXTRACT(ISODOW FROM week_start) = 1),
  metric       text NOT NULL,
  subject      text NOT NULL DEFAULT '',
  value        integer NOT NULL CHECK (value >= 0),
  -- Distinct people the figure covers (for search misses: the number of searches).
  people       integer NOT NULL CHECK (people >= 0),
  PRIMARY KEY (community_id, week_start, metric, subject)
);
CREATE INDEX signal_weekly_week_idx ON signal_weekly (week_start);

-- One row per live question: when it was asked and first answered, so the median time to a
-- first answer over any range of weeks is read from here, not from questions and answers.
CREATE TABLE signal_questions (
  question_id   uuid PRIMARY KEY REFERENCES questions(id) ON DELETE CASCADE,
  community_id  uuid NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  learning_question_id uuid,
  week_start    date NOT NULL,
  asked_at      timestamptz NOT NULL,
  first_answer_at timestamptz,
  is_within_two_working_days boolean NOT NULL DEFAULT false
);
CREATE INDEX signal_questions_community_week_idx ON signal_questions (community_id, week_start);

-- When the rollup last ran; no row yet means the next run backfills.
CREATE TABLE signal_rollup_state (
  id          integer PRIMARY KEY CHECK (id = 1),
  last_run_at timestamptz NOT NULL
);

-- Working time between two wall-clock times: Monday to Friday count, weekends do not. Public
-- holidays are ignored (they differ per organisation). The caller bounds the span.
CREATE FUNCTION signal_working_seconds(a timestamp, b timestamp) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT COALESCE(sum(EXTRACT(EPOCH FROM LEAST(b, d + interval '1 day') - GREATEST(a, d))), 0)
  FROM generate_series(date_trunc('day', a), date_trunc('day', b), interval '1 day') AS d
  WHERE EXTRACT(ISODOW FROM d) < 6 AND b > a
$$;
