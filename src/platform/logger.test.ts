import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger, redactPathSecrets, redactUrl } from './logger.ts';

describe('logger', () => {
  it('never writes passwords, tokens, cookies or link secrets', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    const logger = createLogger('info', sink);
    logger.info({ req: { method: 'GET', url: '/wachtwoord-herstellen/SECRET1', headers: { cookie: 'lk_session=SECRET2', authorization: 'Bearer SECRET3' } } }, 'incoming');
    logger.info({ body: { password: 'SECRET4', token: 'SECRET5' } }, 'posted');
    const output = lines.join('');
    for (const secret of ['SECRET1', 'SECRET2', 'SECRET3', 'SECRET4', 'SECRET5']) assert.ok(!output.includes(secret), `${secret} leaked: ${output}`);
  });

  it('redacts secrets in paths and URLs', () => {
    assert.equal(redactPathSecrets('/uitnodiging/abc?x=1'), '/uitnodiging/[redacted]?x=1');
    assert.equal(redactPathSecrets('/aanmelden/bevestigen/abc'), '/aanmelden/bevestigen/[redacted]');
    assert.equal(redactPathSecrets('/gemeenschappen/wmo'), '/gemeenschappen/wmo');
    assert.equal(redactUrl('postgres://u:pw@h:5432/db'), 'postgres://u:***@h:5432/db');
  });
});
