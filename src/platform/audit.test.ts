import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { testDatabaseUrl } from '../../test/harness.ts';
import { insertAuditEntry } from './audit.ts';
import { createDb, type Db } from './db/database.ts';

describe('audit log', () => {
  let db: Db;
  before(() => {
    db = createDb(testDatabaseUrl(), 2).db;
  });
  after(async () => {
    await db.destroy();
  });

  it('stores an entry, with empty details and no subject when none are given', async () => {
    const action = `test.${randomUUID()}`;
    const now = new Date('2026-01-02T03:04:05Z');
    await insertAuditEntry(db, { organisationId: null, actorId: null, action, now });
    const row = await db.selectFrom('audit_log').selectAll().where('action', '=', action).executeTakeFirstOrThrow();
    assert.deepEqual(row.details, {});
    assert.equal(row.subject_id, null);
    assert.equal(row.created_at.getTime(), now.getTime());
  });
});
