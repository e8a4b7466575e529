import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { createRateLimitedError } from '../errors.ts';

/**
 * Fixed-window counters in PostgreSQL, so a limit holds across every app instance.
 * One atomic upsert per hit: it either starts a new window or increments the current one.
 */
export interface RateLimiter {
  /** Counts a hit for `key`; throws a 429 (with Retry-After) once `limit` is exceeded. */
  hit(key: string, limit: number, windowSeconds: number): Promise<void>;
  reset(key: string): Promise<void>;
}

export function createRateLimiter(db: Db): RateLimiter {
  return {
    async hit(key, limit, windowSeconds) {
      const row = await sql<{ hits: number; retry_after: number }>`
        INSERT INTO rate_limits AS r (key, window_start, hits) VALUES (${key}, now(), 1)
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN r.window_start < now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE r.hits + 1 END,
          window_start = CASE WHEN r.window_start < now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE r.window_start END
        RETURNING hits, ceil(extract(epoch FROM (window_start + make_interval(secs => ${windowSeconds}) - now())))::int AS retry_after`.execute(db);
      const result = row.rows[0];
      if (result && result.hits > limit) throw createRateLimitedError(Math.max(1, result.retry_after));
    },
    async reset(key) {
      await db.deleteFrom('rate_limits').where('key', '=', key).execute();
    },
  };
}

export async function deleteExpiredRateLimits(db: Db, olderThanSeconds = 86_400): Promise<void> {
  await sql`DELETE FROM rate_limits WHERE window_start < now() - make_interval(secs => ${olderThanSeconds})`.execute(db);
}
