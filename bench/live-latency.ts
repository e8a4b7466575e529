/**
 * `npm run bench -- --only live-latency`: how long after an answer is posted through one app
 * instance the asker's unread count changes in an SSE stream held by ANOTHER instance (issue 7,
 * target p99 under 1 s), on the fresh database bench/run.ts prepared.
 *
 *   1. an organisation, an open community, an asker and an answerer (plain SQL); a session for
 *      the asker (the SSE stream), read_write access tokens for both (the API);
 *   2. two app instances in this process, each built as `src/main.ts start` builds one:
 *      createDeps (so the event subscribers are registered and the outbox runner is kicked after
 *      every commit) and buildServer with the database URL the live count LISTENs on, NODE_ENV
 *      production, listening on two loopback ports. The job queue is NOT started, so the
 *      once-a-minute outbox job cannot deliver an event: only the after-commit path is measured;
 *   3. the asker asks one question through A's API (which makes them follow it); then the asker's
 *      stream, GET /meldingen/live with the session cookie and Accept: text/event-stream, is
 *      opened on instance A and read as an EventSource would;
 *   4. per round (a few unmeasured warm-up rounds first): POST /api/v1/questions/:id/answers to
 *      instance B with the answerer's token; the latency is from just before sending that request
 *      to the arrival on A of `event: count` with data 1. Then POST /api/v1/notifications/read-all
 *      to instance A with the asker's token, wait for count 0 on the stream, and pause 100–200 ms;
 *   5. min / median / p95 / p99 / max on stdout and JSON in bench/results/<time>-live-latency.json.
 *
 * The path measured: B's request (token, write rate limit, insert, outbox row, commit), B's
 * outbox run (kicked after commit: notification rows and pg_notify in one transaction), the
 * NOTIFY reaching A's one LISTEN connection, A's count query, and the SSE write over loopback.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { ACCESS_TOKEN_PREFIX, SESSION_TOKEN_PREFIX } from '../src/accounts/accounts.usecases.ts';
import { createDeps, type Runtime } from '../src/app/deps.ts';
import { buildServer } from '../src/app/server.tsx';
import { createSecretToken, hashToken } from '../src/platform/auth/tokens.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createDb, type Db } from '../src/platform/db/database.ts';
import { migrateUp } from '../src/platform/db/migrate.ts';
import { cookieNames } from '../src/platform/http/context.ts';
import { createLogger } from '../src/platform/logger.ts';

export const LIVE_LATENCY_SCENARIO = 'live-latency';
const ROUNDS = 200;
const WARMUP_ROUNDS = 5;
const PAUSE_MS = [100, 200] as const;
const WAIT_MS = 10_000;
const TARGET_P99_MS = 1_000;

interface Instance {
  name: string;
  baseUrl: string;
  app: FastifyInstance;
  runtime: Runtime;
}

interface Round {
  /** From just before sending the answer POST to B until count 1 arrived on A. */
  latencyMs: number;
  /** The answer POST's own round trip (response received from B). */
  postMs: number;
  /** From sending read-all to A until count 0 arrived on A (same instance; a side figure). */
  readAllMs: number;
}

export async function runLiveLatencyBench(databaseUrl: string, options: { resultsDir: string; dataDir: string }): Promise<number> {
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const { db } = createDb(databaseUrl, 2);
  const instances: Instance[] = [];
  let stream: ReturnType<typeof openCountStream> | undefined;
  try {
    await migrateUp(db);
    const fixture = await createFixture(db);
    await db.destroy();

    for (const name of ['a', 'b']) instances.push(await startInstance(name, databaseUrl, path.join(options.dataDir, name)));
    const [a, b] = instances as [Instance, Instance];
    const post = (instance: Instance, token: string, url: string, body: unknown) =>
      request(instance.baseUrl + url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    console.log(`Two instances: A ${a.baseUrl} (the asker's stream), B ${b.baseUrl} (the answers)`);

    // The question, asked through the API as a client would (the app makes the asker follow it).
    const asked = await post(a, fixture.askerToken, `/api/v1/communities/${fixture.communityId}/questions`, { kind: 'how', title: 'Hoe organiseren jullie het wijkteamoverleg?', body: 'Toelichting' });
    if (asked.status !== 201) throw new Error(`asking: ${asked.status} ${asked.body.slice(0, 300)}`);
    const questionId = (JSON.parse(asked.body) as { id: string }).id;

    stream = openCountStream(a.baseUrl, `${cookieNames(false).session}=${fixture.askerSession}`);
    await stream.opened;
    await stream.waitFor(0, 0);

    const round = async (i: number): Promise<Round> => {
      const seen = stream!.counts.length;
      const sentAt = performance.now();
      const posted = await post(b, fixture.answererToken, `/api/v1/questions/${questionId}/answers`, { body: `Antwoord ${i}: zo doen wij het bij ons.` });
      const postMs = performance.now() - sentAt;
      if (posted.status !== 201) throw new Error(`answer ${i}: ${posted.status} ${posted.body.slice(0, 300)}`);
      const one = await stream!.waitFor(1, seen);
      const latencyMs = one.at - sentAt;

      const seenBeforeRead = stream!.counts.length;
      const readSentAt = performance.now();
      const read = await post(a, fixture.askerToken, '/api/v1/notifications/read-all', {});
      if (read.status !== 200) throw new Error(`read-all ${i}: ${read.status} ${read.body.slice(0, 300)}`);
      const zero = await stream!.waitFor(0, seenBeforeRead);
      return { latencyMs, postMs, readAllMs: zero.at - readSentAt };
    };

    // Warm-up: A's LISTEN connection is up, JIT, pools and prepared statements are warm.
    for (let i = 0; i < WARMUP_ROUNDS; i++) {
      await round(-1 - i);
      await pause();
    }
    console.log(`${WARMUP_ROUNDS} warm-up rounds done; measuring ${ROUNDS} answers …`);
    const rounds: Round[] = [];
    const measureStarted = performance.now();
    for (let i = 0; i < ROUNDS; i++) {
      rounds.push(await round(i));
      await pause();
      if ((i + 1) % 50 === 0) console.log(`  ${i + 1} / ${ROUNDS}`);
    }
    const measureMs = performance.now() - measureStarted;
    const loadAfter = os.loadavg();

    const latency = summary(rounds.map((r) => r.latencyMs));
    const postOnly = summary(rounds.map((r) => r.postMs));
    const afterResponse = summary(rounds.map((r) => r.latencyMs - r.postMs));
    const readAll = summary(rounds.map((r) => r.readAllMs));
    const met = latency.p99 < TARGET_P99_MS;

    console.log(`\nLive count latency over ${ROUNDS} answers (${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}; both instances, PostgreSQL and the client on this machine)\n`);
    console.log('| what | min | median | p95 | p99 | max |');
    console.log('|---|---|---|---|---|---|');
    const row = (label: string, s: Summary) => console.log(`| ${label} | ${[s.min, s.median, s.p95, s.p99, s.max].map((v) => v.toFixed(1)).join(' | ')} |`);
    row('**answer POST sent to B → count 1 on A\'s stream** (ms)', latency);
    row('answer POST on B, request to response (ms)', postOnly);
    row('B\'s response → count on A (ms)', afterResponse);
    row('read-all POST on A → count 0 on A (ms)', readAll);
    console.log(`\nLoad average (1 min) ${loadBefore[0]?.toFixed(2)} before, ${loadAfter[0]?.toFixed(2)} after; ${(measureMs / 1000).toFixed(1)} s measured. Target p99 < ${TARGET_P99_MS} ms: ${met ? 'met' : 'MISSED'}`);

    await fs.mkdir(options.resultsDir, { recursive: true });
    const file = path.join(options.resultsDir, `${startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-live-latency.json`);
    await fs.writeFile(file, `${JSON.stringify({
      scenario: LIVE_LATENCY_SCENARIO, startedAt: startedAt.toISOString(), node: process.versions.node,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadBefore, loadAfter },
      rounds: ROUNDS, warmupRounds: WARMUP_ROUNDS, pauseMs: PAUSE_MS, measureMs: Math.round(measureMs),
      latencyMs: latency, postMs: postOnly, afterResponseMs: afterResponse, readAllMs: readAll,
      targetP99Ms: TARGET_P99_MS, targetMet: met,
      samples: rounds.map((r) => ({ latencyMs: round1(r.latencyMs), postMs: round1(r.postMs), readAllMs: round1(r.readAllMs) })),
    }, null, 2)}\n`);
    console.log(`Results: ${path.relative(process.cwd(), file)}`);
    return met ? 0 : 1;
  } finally {
    stream?.close();
    keepAlive.destroy();
    for (const instance of instances) {
      await instance.app.close().catch((error: unknown) => console.error(`closing instance ${instance.name}:`, error));
      await instance.runtime.close().catch((error: unknown) => console.error(`closing deps of ${instance.name}:`, error));
    }
    await db.destroy().catch(() => undefined);
    await fs.rm(options.dataDir, { recursive: true, force: true });
  }
}

/** One instance as `src/main.ts start` makes it (without starting the job queue): createDeps registers the event subscribers. */
async function startInstance(name: string, databaseUrl: string, dataDir: string): Promise<Instance> {
  const port = await freePort();
  const config = loadConfig(
    { NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', SEED_DEMO: 'false', DATA_DIR: dataDir, WRITE_RATE_LIMIT: process.env.WRITE_RATE_LIMIT },
  );
  const runtime = await createDeps(config, createLogger(config.logLevel));
  const app = await buildServer(runtime.deps, { databaseUrl: runtime.databaseUrl });
  await app.listen({ host: config.host, port: config.port });
  return { name, baseUrl: `http://127.0.0.1:${port}`, app, runtime };
}

async function createFixture(db: Db) {
  const organisationId = randomUUID();
  const communityId = randomUUID();
  const askerId = randomUUID();
  const answererId = randomUUID();
  await sql`INSERT INTO organisations (id, slug, name, kind, email_domains, allow_self_signup)
    VALUES (${organisationId}::uuid, 'bench-live', 'Gemeente Livestad', 'municipality', '{bench-live.test}', false)`.execute(db);
  await sql`INSERT INTO users (id, organisation_id, email, name, status, locale, email_verified_at)
    VALUES (${askerId}::uuid, ${organisationId}::uuid, 'vrager@bench-live.test', 'Vera Vrager', 'active', 'nl', now()),
           (${answererId}::uuid, ${organisationId}::uuid, 'antwoorder@bench-live.test', 'Anton Antwoorder', 'active', 'nl', now())`.execute(db);
  await sql`INSERT INTO communities (id, slug, name, purpose, tags, visibility, organisation_id, created_by)
    VALUES (${communityId}::uuid, 'live-meten', 'Live meten', 'Samen leren over wijkteams', '{wijkteam}', 'open', ${organisationId}::uuid, ${askerId}::uuid)`.execute(db);
  await sql`INSERT INTO community_members (community_id, user_id, role, status, decided_at)
    VALUES (${communityId}::uuid, ${askerId}::uuid, 'member', 'active', now()), (${communityId}::uuid, ${answererId}::uuid, 'member', 'active', now())`.execute(db);
  const askerSession = createSecretToken(SESSION_TOKEN_PREFIX);
  await sql`INSERT INTO sessions (id, user_id, token_hash, csrf_secret, user_agent, ip, expires_at)
    VALUES (gen_random_uuid(), ${askerId}::uuid, ${hashToken(askerSession)}, ${createSecretToken()}, 'leerkring-bench', '127.0.0.1', now() + interval '1 day')`.execute(db);
  const askerToken = createSecretToken(ACCESS_TOKEN_PREFIX);
  const answererToken = createSecretToken(ACCESS_TOKEN_PREFIX);
  await sql`INSERT INTO access_tokens (id, user_id, name, token_hash, scope)
    VALUES (gen_random_uuid(), ${askerId}::uuid, 'bench live', ${hashToken(askerToken)}, 'read_write'),
           (gen_random_uuid(), ${answererId}::uuid, 'bench live', ${hashToken(answererToken)}, 'read_write')`.execute(db);
  return { communityId, askerSession, askerToken, answererToken };
}

/** An open /meldingen/live response, read as a browser's EventSource would; arrival times from performance.now(). */
function openCountStream(baseUrl: string, cookie: string) {
  const counts: { value: number; at: number }[] = [];
  let wake: (() => void) | undefined;
  let buffer = '';
  let failure: Error | undefined;
  let request!: http.ClientRequest;
  const opened = new Promise<void>((resolve, reject) => {
    request = http.get(`${baseUrl}/meldingen/live`, { headers: { cookie, accept: 'text/event-stream', 'accept-encoding': 'gzip, deflate, br' } }, (response) => {
      if (response.statusCode !== 200 || !String(response.headers['content-type']).startsWith('text/event-stream')) {
        reject(new Error(`/meldingen/live answered ${response.statusCode} ${response.headers['content-type']}`));
        response.resume();
        return;
      }
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (/^event: count$/m.test(block)) counts.push({ value: Number(block.match(/^data: (\d+)$/m)?.[1]), at });
        }
        wake?.();
      });
      response.on('close', () => {
        failure ??= new Error('the stream closed');
        wake?.();
      });
      resolve();
    });
    request.on('error', (error) => {
      failure = error;
      wake?.();
      reject(error);
    });
  });
  return {
    opened,
    counts,
    /** The first count event with this value after the first `since` events. */
    async waitFor(value: number, since: number): Promise<{ value: number; at: number }> {
      const deadline = performance.now() + WAIT_MS;
      for (;;) {
        const found = counts.slice(since).find((c) => c.value === value);
        if (found) return found;
        if (failure) throw failure;
        if (performance.now() > deadline) throw new Error(`no count ${value} within ${WAIT_MS} ms; got ${JSON.stringify(counts.slice(since).map((c) => c.value))}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 100);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    },
    close: () => request.destroy(),
  };
}

/** A plain HTTP request with JSON, over a keep-alive connection as an API client would make it. */
function request(url: string, init: { method: string; headers: Record<string, string>; body: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method, headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) }, agent: keepAlive }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 4 });

interface Summary {
  min: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles (with 200 samples p99 is the second-largest value). */
function summary(values: number[]): Summary {
  const sorted = [...values].sort((x, y) => x - y);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
  return {
    min: round1(sorted[0] as number),
    median: round1(rank(50)),
    p95: round1(rank(95)),
    p99: round1(rank(99)),
    max: round1(sorted[sorted.length - 1] as number),
    mean: round1(sorted.reduce((sum, v) => sum + v, 0) / sorted.length),
  };
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const pause = () => new Promise((resolve) => setTimeout(resolve, PAUSE_MS[0] + Math.random() * (PAUSE_MS[1] - PAUSE_MS[0])));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
