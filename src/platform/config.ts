import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import path from 'node:path';

/**
 * Every setting Leerkring reads, declared once. Only this module reads process.env;
 * a bad value stops the process at boot with a message that names the variable.
 */
const ConfigSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], { default: 'production' }),
  PROCESS_MODE: Type.Union([Type.Literal('all'), Type.Literal('web'), Type.Literal('worker')], { default: 'all' }),
  WEB_WORKERS: Type.Integer({ minimum: 1, maximum: 64, default: 1 }),
  HOST: Type.String({ default: '127.0.0.1' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  BASE_URL: Type.Optional(Type.String({ pattern: '^https?://[^/]+$' })),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  DATA_DIR: Type.String({ default: './data' }),
  EMBEDDED_PG_PORT: Type.Integer({ minimum: 1024, maximum: 65535, default: 54329 }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ default: 'Leerkring <noreply@leerkring.localhost>' }),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { default: 'info' }),
  TRUST_PROXY: Type.Boolean({ default: false }),
  SEED_DEMO: Type.Optional(Type.Boolean()),
  SESSION_DAYS: Type.Integer({ minimum: 1, maximum: 90, default: 14 }),
  LOGIN_RATE_LIMIT: Type.Integer({ minimum: 1, maximum: 10000, default: 10 }),
  RATE_LIMIT_WINDOW_SECONDS: Type.Integer({ minimum: 1, maximum: 86400, default: 900 }),
  WRITE_RATE_LIMIT: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 300 }),
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  SEARCH_TIMEOUT_MS: Type.Integer({ minimum: 50, maximum: 60_000, default: 2000 }),
  FILE_STORE: Type.Union([Type.Literal('local'), Type.Literal('s3')], { default: 'local' }),
  S3_ENDPOINT: Type.Optional(Type.String({ pattern: '^https?://[^/]+$' })),
  S3_BUCKET: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' })),
  S3_REGION: Type.String({ minLength: 1, default: 'us-east-1' }),
  S3_ACCESS_KEY_ID: Type.Optional(Type.String({ minLength: 1 })),
  S3_SECRET_ACCESS_KEY: Type.Optional(Type.String({ minLength: 1 })),
  S3_FORCE_PATH_STYLE: Type.Optional(Type.Boolean()),
  ATTACHMENT_MAX_BYTES: Type.Integer({ minimum: 1, maximum: 1024 * 1024 * 1024, default: 20 * 1024 * 1024 }),
  ATTACHMENT_MAX_FILES: Type.Integer({ minimum: 1, maximum: 50, default: 5 }),
});

/** Never echoed in a boot error, even when invalid. */
const SECRET_SETTINGS = new Set(['S3_SECRET_ACCESS_KEY', 'METRICS_TOKEN', 'DATABASE_URL', 'SMTP_URL']);

type RawConfig = Static<typeof ConfigSchema>;

/** Every environment variable Leerkring reads; README.md lists each one. */
export const CONFIG_SETTINGS: readonly string[] = Object.keys(ConfigSchema.properties);

export interface Config {
  env: RawConfig['NODE_ENV'];
  isProduction: boolean;
  isDevelopment: boolean;
  processMode: RawConfig['PROCESS_MODE'];
  /** HTTP worker processes sharing the port (node:cluster); 1 serves from the main process. */
  webWorkers: number;
  host: string;
  port: number;
  /** Public origin, e.g. https://leerkring.voorbeeldstad.nl; links in mail use it. */
  baseUrl: string;
  /** True when the public origin is https: cookies get Secure and the __Host- prefix. */
  isSecure: boolean;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  embeddedPgPort: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: RawConfig['LOG_LEVEL'];
  trustProxy: boolean;
  /** Seed the demo world on first start; defaults to on for the embedded database only. */
  seedDemo: boolean;
  sessionDays: number;
  loginRateLimit: number;
  rateLimitWindowSeconds: number;
  /** Changes (posts, invitations, requests) one signed-in person may make per window. */
  writeRateLimit: number;
  /** Bearer token for /metrics; without it /metrics answers only on loopback. */
  metricsToken: string | undefined;
  /** PostgreSQL cancels a search after this long; the page then asks to narrow it down. */
  searchTimeoutMs: number;
  /** Where attachments are kept: `local` (under `filesDir`) or `s3` (then `s3` is set). */
  fileStore: RawConfig['FILE_STORE'];
  filesDir: string;
  s3: S3Config | undefined;
  /** Largest attachment accepted, in bytes. */
  attachmentMaxBytes: number;
  /** Most attachments in one upload. */
  attachmentMaxFiles: number;
}

export interface S3Config {
  /** Origin of an S3-compatible service; AWS itself (`https://s3.<region>.amazonaws.com`) when absent. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key`: what MinIO and most self-hosted stores need. */
  forcePathStyle: boolean;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const converted = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, input));
  if (!Value.Check(ConfigSchema, converted)) {
    const problems = new Map<string, string>();
    for (const e of Value.Errors(ConfigSchema, converted)) {
      const name = e.instancePath.replace(/^\//, '');
      const schema = (ConfigSchema.properties as Record<string, { anyOf?: { const: string }[] }>)[name];
      const expected = schema?.anyOf ? `must be one of ${schema.anyOf.map((s) => s.const).join(', ')}` : e.message;
      const got = SECRET_SETTINGS.has(name) ? '[redacted]' : JSON.stringify(input[name]);
      problems.set(name, `  ${name}: ${expected} (got ${got})`);
    }
    throw new ConfigError(`Invalid configuration:\n${[...problems.values()].join('\n')}\nSee the configuration table in README.md.`);
  }
  const raw = converted as RawConfig;
  const s3 = s3Config(raw);
  const baseUrl = raw.BASE_URL ?? `http://${raw.HOST === '0.0.0.0' ? 'localhost' : raw.HOST}:${raw.PORT}`;
  return {
    env: raw.NODE_ENV,
    isProduction: raw.NODE_ENV === 'production',
    isDevelopment: raw.NODE_ENV === 'development',
    processMode: raw.PROCESS_MODE,
    webWorkers: raw.WEB_WORKERS,
    host: raw.HOST,
    port: raw.PORT,
    baseUrl,
    isSecure: baseUrl.startsWith('https://'),
    databaseUrl: raw.DATABASE_URL,
    databasePoolSize: raw.DATABASE_POOL_SIZE,
    dataDir: path.resolve(raw.DATA_DIR),
    embeddedPgPort: raw.EMBEDDED_PG_PORT,
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM,
    logLevel: raw.LOG_LEVEL,
    trustProxy: raw.TRUST_PROXY,
    seedDemo: raw.SEED_DEMO ?? raw.DATABASE_URL === undefined,
    sessionDays: raw.SESSION_DAYS,
    loginRateLimit: raw.LOGIN_RATE_LIMIT,
    rateLimitWindowSeconds: raw.RATE_LIMIT_WINDOW_SECONDS,
    writeRateLimit: raw.WRITE_RATE_LIMIT,
    metricsToken: raw.METRICS_TOKEN,
    searchTimeoutMs: raw.SEARCH_TIMEOUT_MS,
    fileStore: raw.FILE_STORE,
    filesDir: path.join(path.resolve(raw.DATA_DIR), 'files'),
    s3,
    attachmentMaxBytes: raw.ATTACHMENT_MAX_BYTES,
    attachmentMaxFiles: raw.ATTACHMENT_MAX_FILES,
    ...overrides,
  };
}

function s3Config(raw: RawConfig): S3Config | undefined {
  if (raw.FILE_STORE !== 's3') return undefined;
  const missing = (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((name) => !raw[name]);
  if (missing.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  FILE_STORE=s3 needs ${missing.join(', ')}\nSee the configuration table in README.md.`);
  }
  const endpoint = raw.S3_ENDPOINT ?? `https://s3.${raw.S3_REGION}.amazonaws.com`;
  return {
    endpoint,
    bucket: raw.S3_BUCKET as string,
    region: raw.S3_REGION,
    accessKeyId: raw.S3_ACCESS_KEY_ID as string,
    secretAccessKey: raw.S3_SECRET_ACCESS_KEY as string,
    // Self-hosted stores (MinIO, Ceph, Garage) rarely have per-bucket host names; AWS prefers them.
    forcePathStyle: raw.S3_FORCE_PATH_STYLE ?? raw.S3_ENDPOINT !== undefined,
  };
}
