import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';

/**
 * The rollup's SQL. Signals is a read model over other features' tables (like the search index,
 * the other way round): one set-based statement per run reads questions, answers, comments,
 * practices, prompts, framework responses and search misses for a set of weeks, so it reads those
 * tables directly instead of through a hundred repository calls. It only ever reads them.
 *
 * Deleted content does not count (its author took it back); hidden content does (it happened).
 */

const TZ = 'Europe/Amsterdam';
/** Two working days, in seconds of Monday-to-Friday time (signal_working_seconds). */
const TWO_WORKING_DAYS = 2 * 24 * 3600;

/** The database clock, so every instance agrees on the week. */
export async function databaseNow(db: DbOrTx): Promise<Date> {
  return (await sql<{ now: Date }>`SELECT now() AS now`.execute(db)).rows[0]!.now;
}

/** Serialises rollups across instances for the rest of the transaction. */
export async function lockRollup(db: DbOrTx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('signals.rollup'))`.execute(db);
}

export async function lastRunAt(db: DbOrTx): Promise<Date | null> {
  return (await db.selectFrom('signal_rollup_state').select('last_run_at').where('id', '=', 1).executeTakeFirst())?.last_run_at ?? null;
}

export async function recordRun(db: DbOrTx, at: Date): Promise<void> {
  await db.insertInto('signal_rollup_state').values({ id: 1, last_run_at: at }).onConflict((oc) => oc.column('id').doUpdateSet({ last_run_at: at })).execute();
}

/**
 * Weeks whose questions changed their answered state since `since`: a question asked three weeks
 * ago and answered today moves that week's "answered" figure.
 */
export async function weeksWithAnswerChanges(db: DbOrTx, since: Date): Promise<string[]> {
  const { rows } = await sql<{ week: string }>`
    SELECT DISTINCT date_trunc('week', q.created_at AT TIME ZONE ${TZ})::date::text AS week
    FROM answers a JOIN questions q ON q.id = a.question_id
    WHERE a.created_at >= ${since} OR a.deleted_at >= ${since} OR a.hidden_at >= ${since}`.execute(db);
  return rows.map((r) => r.week);
}

/** signal_questions for the questions asked in `weeks`: asked, first answered, within two working days. */
export async function rollupQuestions(db: DbOrTx, weeks: readonly string[]): Promise<void> {
  await sql`
    WITH wk AS (SELECT DISTINCT unnest(${weeks}::date[]) AS week_start),
    -- Each week by its own bounds (an index range per week), not min to max: the weeks with
    -- answer changes are scattered over months.
    qs AS (
      SELECT q.id, q.community_id, q.learning_question_id, wk.week_start, q.created_at, fa.created_at AS first_at
      FROM wk JOIN questions q ON q.created_at >= (wk.week_start::timestamp AT TIME ZONE ${TZ}) AND q.created_at < ((wk.week_start + 7)::timestamp AT TIME ZONE ${TZ})
      LEFT JOIN LATERAL (SELECT a.created_at FROM answers a WHERE a.question_id = q.id AND a.deleted_at IS NULL AND a.hidden_at IS NULL ORDER BY a.created_at LIMIT 1) fa ON true
      WHERE q.deleted_at IS NULL
    ),
    computed AS (
      SELECT qs.*, (qs.first_at IS NOT NULL AND qs.first_at - qs.created_at < interval '14 days'
        AND signal_working_seconds((qs.created_at AT TIME ZONE ${TZ}), (qs.first_at AT TIME ZONE ${TZ})) <= ${TWO_WORKING_DAYS}) AS is_within
      FROM qs
    ),
    upserted AS (
      INSERT INTO signal_questions (question_id, community_id, learning_question_id, week_start, asked_at, first_answer_at, is_within_two_working_days)
      SELECT id, community_id, learning_question_id, week_start, created_at, first_at, is_within FROM computed
      ON CONFLICT (question_id) DO UPDATE SET learning_question_id = EXCLUDED.learning_question_id, first_answer_at = EXCLUDED.first_answer_at,
        is_within_two_working_days = EXCLUDED.is_within_two_working_days
      WHERE (signal_questions.learning_question_id, signal_questions.first_answer_at, signal_questions.is_within_two_working_days)
        IS DISTINCT FROM (EXCLUDED.learning_question_id, EXCLUDED.first_answer_at, EXCLUDED.is_within_two_working_days)
    )
    DELETE FROM signal_questions s WHERE s.week_start IN (SELECT week_start FROM wk) AND NOT EXISTS (SELECT 1 FROM computed c WHERE c.id = s.question_id)`.execute(db);
}

/**
 * The figures that describe the questions asked in a week (its cohort), read from
 * signal_questions: an answer today changes them for a week long past.
 */
const COHORT_METRICS = ['questions_asked', 'questions_answered', 'questions_unanswered', 'answered_within_two_working_days', 'answered_later', 'lq_questions_asked', 'lq_questions_unanswered'];

/**
 * Every weekly figure of every community for `weeks`, and only the question-cohort figures for
 * `cohortWeeks` (older weeks whose questions got or lost an answer: their activity is final),
 * written with one upsert; figures of those weeks that no longer have anything to count are
 * removed. Reads signal_questions for the question cohorts, so rollupQuestions runs first for
 * all of these weeks. The activity scan covers `weeks` only, which keeps the hourly run small.
 */
export async function rollupWeekly(db: DbOrTx, weeks: readonly string[], cohortWeeks: readonly string[] = []): Promise<void> {
  await sql`
    WITH wk AS (SELECT DISTINCT unnest(${weeks}::date[]) AS week_start),
    cohort_wk AS (SELECT DISTINCT unnest(${[...cohortWeeks, ...weeks]}::date[]) AS week_start),
    bounds AS (SELECT (min(week_start)::timestamp AT TIME ZONE ${TZ}) AS lo, ((max(week_start) + 7)::timestamp AT TIME ZONE ${TZ}) AS hi FROM wk),
    acts AS (
      SELECT q.community_id, q.author_id AS user_id, q.created_at AS at, true AS contributes FROM questions q, bounds b
        WHERE q.created_at >= b.lo AND q.created_at < b.hi AND q.deleted_at IS NULL
      UNION ALL SELECT q.community_id, a.author_id, a.created_at, true FROM answers a JOIN questions q ON q.id = a.question_id, bounds b
        WHERE a.created_at >= b.lo AND a.created_at < b.hi AND a.deleted_at IS NULL AND q.deleted_at IS NULL
      UNION ALL SELECT q.community_id, c.author_id, c.created_at, true FROM comments c JOIN questions q ON q.id = c.question_id, bounds b
        WHERE c.created_at >= b.lo AND c.created_at < b.hi AND c.deleted_at IS NULL AND q.deleted_at IS NULL
      UNION ALL SELECT p.community_id, p.author_id, p.created_at, true FROM practices p, bounds b
        WHERE p.created_at >= b.lo AND p.created_at < b.hi AND p.deleted_at IS NULL
      UNION ALL SELECT s.community_id, s.shared_by, s.created_at, true FROM practice_shares s JOIN practices p ON p.id = s.practice_id, bounds b
        WHERE s.created_at >= b.lo AND s.created_at < b.hi AND p.deleted_at IS NULL
      UNION ALL SELECT pc.community_id, pc.author_id, pc.created_at, true FROM practice_comments pc, bounds b
        WHERE pc.created_at >= b.lo AND pc.created_at < b.hi AND pc.deleted_at IS NULL
      UNION ALL SELECT t.community_id, t.author_id, t.created_at, true FROM practice_tries t, bounds b
        WHERE t.created_at >= b.lo AND t.created_at < b.hi AND t.deleted_at IS NULL
      UNION ALL SELECT p.community_id, r.user_id, r.created_at, false FROM practice_reactions r JOIN practices p ON p.id = r.practice_id, bounds b
        WHERE r.created_at >= b.lo AND r.created_at < b.hi AND p.deleted_at IS NULL
      UNION ALL SELECT pr.community_id, r.user_id, r.created_at, false FROM prompt_responses r JOIN prompts pr ON pr.id = r.prompt_id, bounds b
        WHERE r.created_at >= b.lo AND r.created_at < b.hi
    ),
    acts_w AS (
      SELECT community_id, user_id, contributes, date_trunc('week', at AT TIME ZONE ${TZ})::date AS week_start FROM acts WHERE user_id IS NOT NULL
    ),
    qs AS (
      SELECT s.community_id, s.week_start, coalesce(s.learning_question_id::text, 'none') AS lq, q.author_id, s.first_answer_at, s.is_within_two_working_days AS is_within, fa.author_id AS answerer_id
      FROM signal_questions s JOIN questions q ON q.id = s.question_id
      LEFT JOIN LATERAL (SELECT a.author_id FROM answers a WHERE a.question_id = q.id AND a.deleted_at IS NULL AND a.hidden_at IS NULL ORDER BY a.created_at LIMIT 1) fa ON true
      WHERE s.week_start IN (SELECT week_start FROM cohort_wk)
    ),
    tries AS (
      SELECT t.community_id, t.author_id, date_trunc('week', t.created_at AT TIME ZONE ${TZ})::date AS week_start,
        (t.organisation_id IS NOT NULL AND u.organisation_id IS NOT NULL AND t.organisation_id <> u.organisation_id) AS is_cross
      FROM practice_tries t JOIN practices p ON p.id = t.practice_id LEFT JOIN users u ON u.id = p.author_id, bounds b
      WHERE t.created_at >= b.lo AND t.created_at < b.hi AND t.deleted_at IS NULL
    ),
    answers_w AS (
      SELECT q.community_id, a.author_id, date_trunc('week', a.created_at AT TIME ZONE ${TZ})::date AS week_start,
        (ua.organisation_id IS NOT NULL AND uq.organisation_id IS NOT NULL AND ua.organisation_id <> uq.organisation_id) AS is_cross
      FROM answers a JOIN questions q ON q.id = a.question_id LEFT JOIN users ua ON ua.id = a.author_id LEFT JOIN users uq ON uq.id = q.author_id, bounds b
      WHERE a.created_at >= b.lo AND a.created_at < b.hi AND a.deleted_at IS NULL AND q.deleted_at IS NULL
    ),
    shares AS (
      SELECT p.community_id, p.author_id AS user_id, p.created_at AS at FROM practices p, bounds b WHERE p.created_at >= b.lo AND p.created_at < b.hi AND p.deleted_at IS NULL
      UNION ALL SELECT s.community_id, s.shared_by, s.created_at FROM practice_shares s JOIN practices p ON p.id = s.practice_id, bounds b
        WHERE s.created_at >= b.lo AND s.created_at < b.hi AND p.deleted_at IS NULL
    ),
    deliveries AS (
      SELECT pr.community_id, d.user_id, d.status, date_trunc('week', coalesce(d.delivered_at, d.created_at) AT TIME ZONE ${TZ})::date AS week_start
      FROM prompt_deliveries d JOIN prompts pr ON pr.id = d.prompt_id, bounds b
      WHERE d.status IN ('delivered', 'held') AND coalesce(d.delivered_at, d.created_at) >= b.lo AND coalesce(d.delivered_at, d.created_at) < b.hi
    ),
    flags AS (
      SELECT f.community_id, fr.author_id, fr.learning_question_id::text AS lq, date_trunc('week', fr.created_at AT TIME ZONE ${TZ})::date AS week_start
      FROM framework_responses fr JOIN frameworks f ON f.id = fr.framework_id, bounds b
      WHERE fr.kind = 'unclear' AND fr.target = 'learning_question' AND fr.created_at >= b.lo AND fr.created_at < b.hi
    ),
    computed AS (
      SELECT community_id, week_start, 'active_members' AS metric, '' AS subject, count(DISTINCT user_id)::int AS value, count(DISTINCT user_id)::int AS people FROM acts_w GROUP BY 1, 2
      UNION ALL SELECT community_id, week_start, 'contributors', '', count(DISTINCT user_id)::int, count(DISTINCT user_id)::int FROM acts_w WHERE contributes GROUP BY 1, 2
      UNION ALL SELECT community_id, week_start, 'questions_asked', '', count(*)::int, count(DISTINCT author_id)::int FROM qs GROUP BY 1, 2
      UNION ALL SELECT community_id, week_start, 'questions_unanswered', '', count(*)::int, count(DISTINCT author_id)::int FROM qs WHERE first_answer_at IS NULL GROUP BY 1, 2
      UNION ALL SELECT community_id, week_start, 'questions_answered', '', count(*)::int, least(count(DISTINCT author_id), count(DISTINCT answerer_id))::int FROM qs WHERE first_answer_at IS NOT NULL GROUP BY 1, 2
      UNION ALL SELECT community_id, week_start, 'answered_within_two_working_days', '', count(*)::int, least(count(DISTINCT author_id), count(DISTINCT answerer_id))::int FROM qs WHERE is_within GROUP BY 1, 2
      UNION ALL SELECT community_id, week_start, 'answered_later', '', count(*)::int, least(count(DISTINCT author_id), count(DISTINCT answerer_id))::int FROM qs WHERE first_answer_at IS NOT NULL AND NOT is_within GROUP BY 1, 2
      UNION ALL SELECT community_id, week_start, 'lq_questions_asked', lq, count(*)::int, count(DISTINCT author_id)::int FROM qs GROUP BY 1, 2, 4
      UNION ALL SELECT community_id, week_start, 'lq_questions_unanswered', lq, count(*)::int, count(DISTINCT author_id)::int FROM qs WHERE first_answer_at IS NULL GROUP BY 1, 2, 4
      UNION ALL SELECT community_id, week_start, 'answers', '', count(*)::int, count(DISTINCT author_id)::int FROM answers_w GROUP BY 1, 2
      UNION ALL SELECT community_id, week_start, 'answers_cross_org', '', count(*)::int, count(DISTINCT author_id)::int FROM answers_w WHERE is_cross GROUP BY 1, 2
      UNION ALL SELECT community_id, week_start, 'answers_same_org', '', count(*)::int, count(DISTINCT author_id)::int FROM answers_w WHERE NOT is_cross GROUP BY 1, 2
      UNION ALL SELECT community_id, date_trunc('week', at AT TIME ZONE ${TZ})::date, 'practices_shared', '', count(*)::int, count(DISTINCT user_id)::int FROM shares GROUP BY 1, 2
      UNION ALL SELECT community_id, week_start, 'practice_tries', '', count(*)::int, count(DISTINCT author_id)::int FROM tries GROUP BY 1, 2
      UNION ALL SELECT community_id, week_start, 'practice_tries_cross_org', '', count(*)::int, count(DISTINCT author_id)::int FROM tries WHERE is_cross GROUP BY 1, 2
      UNION ALL SELECT community_id, week_start, 'practice_tries_same_org', '', count(*)::int, count(DISTINCT author_id)::int FROM tries WHERE NOT is_cross GROUP BY 1, 2
      UNION ALL SELECT community_id, week_start, 'prompts_delivered', '', count(*)::int, count(DISTINCT user_id)::int FROM deliveries WHERE status = 'delivered' GROUP BY 1, 2
      UNION ALL SELECT community_id, week_start, 'prompts_held', '', count(*)::int, count(DISTINCT user_id)::int FROM deliveries WHERE status = 'held' GROUP BY 1, 2
      UNION ALL SELECT pr.community_id, date_trunc('week', r.created_at AT TIME ZONE ${TZ})::date, 'prompt_responses', '', count(*)::int, count(DISTINCT r.user_id)::int
        FROM prompt_responses r JOIN prompts pr ON pr.id = r.prompt_id, bounds b WHERE r.created_at >= b.lo AND r.created_at < b.hi GROUP BY 1, 2
      UNION ALL SELECT community_id, week_start, 'unclear_flags', '', count(*)::int, count(DISTINCT author_id)::int FROM flags GROUP BY 1, 2
      UNION ALL SELECT community_id, week_start, 'lq_unclear_flags', lq, count(*)::int, count(DISTINCT author_id)::int FROM flags GROUP BY 1, 2, 4
      UNION ALL SELECT m.community_id, date_trunc('week', m.day)::date, 'search_misses', m.query, sum(m.count)::int, sum(m.count)::int
        FROM search_misses m, bounds b WHERE m.day >= (b.lo AT TIME ZONE ${TZ})::date AND m.day < (b.hi AT TIME ZONE ${TZ})::date GROUP BY 1, 2, 4
    ),
    kept AS (
      SELECT * FROM computed WHERE week_start IN (SELECT week_start FROM wk)
      UNION ALL SELECT * FROM computed WHERE metric = ANY(${COHORT_METRICS}::text[]) AND week_start IN (SELECT week_start FROM cohort_wk) AND week_start NOT IN (SELECT week_start FROM wk)
    ),
    upserted AS (
      INSERT INTO signal_weekly (community_id, week_start, metric, subject, value, people)
      SELECT community_id, week_start, metric, subject, value, people FROM kept
      ON CONFLICT (community_id, week_start, metric, subject) DO UPDATE SET value = EXCLUDED.value, people = EXCLUDED.people
      WHERE (signal_weekly.value, signal_weekly.people) IS DISTINCT FROM (EXCLUDED.value, EXCLUDED.people)
    )
    DELETE FROM signal_weekly s
    WHERE (s.week_start IN (SELECT week_start FROM wk) OR (s.week_start IN (SELECT week_start FROM cohort_wk) AND s.metric = ANY(${COHORT_METRICS}::text[])))
      AND NOT EXISTS (SELECT 1 FROM kept k WHERE k.community_id = s.community_id AND k.week_start = s.week_start AND k.metric = s.metric AND k.subject = s.subject)`.execute(db);
}
