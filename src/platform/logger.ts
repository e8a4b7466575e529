import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths that must never reach a log line: credentials, tokens, cookies. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.secret',
  '*.passwordHash',
  '*.password_hash',
  'databaseUrl',
  'smtpUrl',
  's3.secretAccessKey',
  '*.s3.secretAccessKey',
  'secretAccessKey',
  '*.secretAccessKey',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'leerkring' },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: {
        req: (req: { method?: string; url?: string; id?: string; ip?: string }) => ({ id: req.id, method: req.method, url: redactPathSecrets(req.url ?? ''), ip: req.ip }),
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}

/** Strips the password from a connection URL before it is printed anywhere. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '[unparseable url]';
  }
}

/**
 * Single-use links carry their secret in the path (invitations, verification, reset) and
 * tokens may arrive in a query string: neither may reach a log line.
 */
export function redactPathSecrets(url: string): string {
  return url
    .replace(/^(\/(?:uitnodiging|aanmelden\/bevestigen|wachtwoord-herstellen))\/[^/?#]+/, '$1/[redacted]')
    .replace(/([?&](?:token|code)=)[^&#]*/gi, '$1[redacted]');
}
