import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { duePeriods, isPermanentFailure, oneLine, readUnsubscribeToken, signUnsubscribeToken } from './mail.models.ts';

describe('notification mail rules', () => {
  it('flattens user text to one subject line', () => {
    assert.equal(oneLine('Eerste\r\nBcc: x@y\u0000z\u2028 einde'), 'Eerste Bcc: x@y z einde');
    assert.equal(oneLine('a'.repeat(200), 10), `${'a'.repeat(9)}…`);
  });

  it('treats only a 5xx on the recipient or message as a bounce', () => {
    assert.equal(isPermanentFailure({ responseCode: 550, code: 'EENVELOPE' }), true);
    assert.equal(isPermanentFailure({ responseCode: 554, code: 'EMESSAGE' }), true);
    assert.equal(isPermanentFailure({ responseCode: 451, code: 'EENVELOPE' }), false);
    assert.equal(isPermanentFailure({ responseCode: 535, code: 'EAUTH' }), false, 'our log-in, not their address');
    assert.equal(isPermanentFailure({ code: 'ECONNECTION' }), false);
    assert.equal(isPermanentFailure(new Error('timeout')), false);
  });

  it('dates digest periods from 07:00 in Amsterdam, weekly from Monday, across summer time', () => {
    const keys = (iso: string) => duePeriods(new Date(iso)).map((p) => p.key);
    assert.deepEqual(keys('2027-03-02T05:59:00Z'), ['d:2027-03-01', 'w:2027-03-01'], '06:59 in winter: yesterday still');
    assert.deepEqual(keys('2027-03-02T06:00:00Z'), ['d:2027-03-02', 'w:2027-03-01']);
    assert.deepEqual(keys('2027-03-29T04:59:00Z'), ['d:2027-03-28', 'w:2027-03-22'], 'Monday 06:59 in summer: last week');
    assert.deepEqual(keys('2027-03-29T05:00:00Z'), ['d:2027-03-29', 'w:2027-03-29']);
  });

  it('signs unsubscribe tokens per person and category, and refuses anything else', () => {
    const user = '5f0c3a56-8f7e-4b7a-9a43-2d1e0c9b8a77';
    const token = signUnsubscribeToken('k1', user, 'activity');
    assert.deepEqual(readUnsubscribeToken('k1', token), { userId: user, category: 'activity' });
    assert.equal(readUnsubscribeToken('k2', token), null, 'another key');
    const [payload, signature] = token.split('.') as [string, string];
    assert.equal(readUnsubscribeToken('k1', `${Buffer.from(`${user}.digest`).toString('base64url')}.${signature}`), null);
    assert.equal(readUnsubscribeToken('k1', `${payload}.${signature}x`), null);
    const ownMail = Buffer.from(`${user}.own_mail`).toString('base64url');
    assert.equal(readUnsubscribeToken('k1', `${ownMail}.${signUnsubscribeToken('k1', user, 'direct').split('.')[1]}`), null);
    assert.equal(readUnsubscribeToken('k1', ''), null);
  });
});
