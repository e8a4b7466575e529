import type { DbOrTx } from './db/database.ts';

/** The audit log (platform-owned) records who did what to whom; features write it in their own transaction. */

export interface AuditEntry {
  organisationId: string | null;
  actorId: string | null;
  action: string;
  subjectId?: string | null;
  details?: Record<string, unknown>;
  now: Date;
}

export async function insertAuditEntry(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      organisation_id: entry.organisationId,
      actor_id: entry.actorId,
      action: entry.action,
      subject_id: entry.subjectId ?? null,
      details: JSON.stringify(entry.details ?? {}),
      created_at: entry.now,
    })
    .execute();
}
