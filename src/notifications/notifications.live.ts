import pg from 'pg';
import type { Logger } from '../platform/logger.ts';
import { LIVE_CHANNEL } from './outbox.ts';

/**
 * The live unread count. Whoever makes notifications (any instance, the worker) calls
 * pg_notify(LIVE_CHANNEL, userId) in the same transaction; each web process holds ONE
 * dedicated connection that LISTENs and hands the user id to that process's open streams of
 * that user only, which re-read the count. Bursts are coalesced: one count query per user at a
 * time, and one more if something arrived meanwhile. The listener starts with the first open
 * stream, reconnects with backoff when its connection drops (and then re-reads every open count,
 * as notifications may have been missed), and stops with the server.
 */

export interface LiveStream {
  write(chunk: string): unknown;
  end(): unknown;
}

export interface LiveCountsOptions {
  databaseUrl: string | undefined;
  logger: Logger;
  countFor(userId: string): Promise<number>;
  keepAliveMs?: number;
}

const MAX_BACKOFF_MS = 30_000;

export function createLiveCounts(options: LiveCountsOptions) {
  const streams = new Map<string, Set<LiveStream>>();
  const lastSent = new WeakMap<LiveStream, number>();
  const running = new Map<string, { again: boolean }>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let backoffMs = 1000;
  let isStopped = false;
  let hasWarned = false;

  const send = (stream: LiveStream, count: number) => {
    if (lastSent.get(stream) === count) return;
    lastSent.set(stream, count);
    stream.write(`event: count\ndata: ${count}\n\n`);
  };

  const refresh = (userId: string): void => {
    const state = running.get(userId);
    if (state) {
      state.again = true;
      return;
    }
    const next = { again: false };
    running.set(userId, next);
    void (async () => {
      do {
        next.again = false;
        const open = streams.get(userId);
        if (!open || open.size === 0) break;
        try {
          const count = await options.countFor(userId);
          for (const stream of streams.get(userId) ?? []) send(stream, count);
        } catch (error) {
          options.logger.warn({ err: error }, 'notifications: live count failed');
        }
      } while (next.again);
      running.delete(userId);
    })();
  };

  const keepAlive = setInterval(() => {
    for (const set of streams.values()) for (const stream of set) stream.write(': keep-alive\n\n');
  }, options.keepAliveMs ?? 25_000);
  keepAlive.unref();

  const scheduleReconnect = () => {
    if (isStopped || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void listen();
    }, backoffMs);
    reconnectTimer.unref();
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
  };

  const listen = (): Promise<void> => {
    if (isStopped || client || connecting) return connecting ?? Promise.resolve();
    if (!options.databaseUrl) {
      if (!hasWarned) options.logger.warn('notifications: no database URL for LISTEN; counts update on page loads only');
      hasWarned = true;
      return Promise.resolve();
    }
    const candidate = new pg.Client({ connectionString: options.databaseUrl, application_name: 'leerkring-live' });
    let isGone = false;
    const lost = (error?: unknown) => {
      if (isGone) return;
      isGone = true;
      if (client === candidate) client = undefined;
      void candidate.end().catch(() => undefined);
      if (!isStopped) options.logger.warn({ err: error }, 'notifications: live listener lost its connection; reconnecting');
      scheduleReconnect();
    };
    candidate.on('error', lost);
    candidate.on('end', () => lost());
    candidate.on('notification', (message) => {
      if (message.channel === LIVE_CHANNEL && message.payload && streams.has(message.payload)) refresh(message.payload);
    });
    connecting = (async () => {
      try {
        await candidate.connect();
        await candidate.query(`LISTEN ${LIVE_CHANNEL}`);
        if (isStopped || isGone) return void candidate.end().catch(() => undefined);
        client = candidate;
        backoffMs = 1000;
        // Anything made while no one listened: every open count is read again.
        for (const userId of streams.keys()) refresh(userId);
      } catch (error) {
        lost(error);
      } finally {
        connecting = undefined;
      }
    })();
    return connecting;
  };

  return {
    /** Adds a stream and sends it the current count (through the same queue as changes, so it is never stale); returns what removes it. */
    open(userId: string, stream: LiveStream): () => void {
      const set = streams.get(userId) ?? new Set<LiveStream>();
      streams.set(userId, set);
      set.add(stream);
      void listen();
      refresh(userId);
      return () => {
        set.delete(stream);
        if (set.size === 0 && streams.get(userId) === set) streams.delete(userId);
      };
    },
    /** Resolves once the listener is listening (tests), or at once without a database URL. */
    ready: (): Promise<void> => listen(),
    openStreams: () => [...streams.values()].reduce((n, set) => n + set.size, 0),
    async stop(): Promise<void> {
      isStopped = true;
      clearInterval(keepAlive);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      for (const set of streams.values()) for (const stream of set) stream.end();
      streams.clear();
      await connecting?.catch(() => undefined);
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}

export type LiveCounts = ReturnType<typeof createLiveCounts>;
