import type { Deps } from '../platform/deps.ts';
import { inTransaction } from '../platform/events/events.ts';
import { weekStartOf } from '../platform/local-time.ts';
import * as repo from './delivery.repository.ts';
import type { DeliveryCounts, MailItem } from './delivery.repository.ts';
import { promptEmail } from './prompts.emails.tsx';
import { windowOf } from './prompts.models.ts';
import { promptAnswerPath } from './prompts.paths.ts';

/**
 * The delivery engine, run every minute by the job queue on the database clock (and right after
 * a prompt is sent "now"). Exactly once per occurrence and person, with two or more instances:
 *  - a due occurrence is claimed FOR UPDATE SKIP LOCKED, delivered and marked in one transaction;
 *  - prompt_deliveries has (occurrence, person) as its key, so a second insert is a no-op;
 *  - everything that counts against the weekly budget holds one advisory lock;
 *  - mails and reminders are claimed row by row before they are sent.
 */

type EngineDeps = Pick<Deps, 'db' | 'events' | 'mailer' | 'i18n' | 'config' | 'logger'>;

export interface SchedulerRun {
  occurrences: { occurrenceId: string; promptId: string; counts: DeliveryCounts }[];
  released: number;
  reminded: number;
  mailed: number;
}

export async function runPromptScheduler(deps: EngineDeps, now: Date, options: { mailBatches?: number } = {}): Promise<SchedulerRun> {
  const week = weekStartOf(now);
  const released = await inTransaction(deps.db, deps.events, async (tx, emit) => {
    await repo.lockBudget(tx);
    const rows = await repo.releaseHeld(tx, now, week);
    // One event per occurrence, naming who got it now (the others were told when it first went out).
    const perOccurrence = new Map<string, { promptId: string; communityId: string; userIds: string[] }>();
    for (const row of rows) {
      const entry = perOccurrence.get(row.occurrenceId) ?? { promptId: row.promptId, communityId: row.communityId, userIds: [] };
      entry.userIds.push(row.userId);
      perOccurrence.set(row.occurrenceId, entry);
    }
    for (const [occurrenceId, entry] of perOccurrence) {
      emit('prompt.delivered', { promptId: entry.promptId, occurrenceId, communityId: entry.communityId, released: entry.userIds.length, releasedUserIds: entry.userIds });
    }
    return rows.length;
  });
  const occurrences: SchedulerRun['occurrences'] = [];
  for (;;) {
    const delivered = await deliverNextDue(deps, now, week);
    if (!delivered) break;
    occurrences.push(delivered);
  }
  const reminded = await sendReminders(deps, now);
  const mailed = await sendPromptMails(deps, now, options.mailBatches ?? 100);
  return { occurrences, released, reminded, mailed };
}

async function deliverNextDue(deps: EngineDeps, now: Date, week: string) {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    await repo.lockBudget(tx);
    const occurrence = await repo.claimDueOccurrence(tx, now);
    if (!occurrence) return undefined;
    const counts = await repo.insertDeliveries(tx, occurrence, now, week, windowOf(now, occurrence.responseWindowHours, occurrence.reminderAfterHours));
    await repo.markOccurrenceDelivered(tx, occurrence.id, now);
    emit('prompt.delivered', { promptId: occurrence.promptId, occurrenceId: occurrence.id, communityId: occurrence.communityId, number: occurrence.number, ...counts });
    return { occurrenceId: occurrence.id, promptId: occurrence.promptId, counts };
  });
}

const MAIL_BATCH = 100;

/** Sends the mails of delivered prompts, a claimed batch at a time, until none are left (or `maxBatches`). */
export async function sendPromptMails(deps: EngineDeps, now: Date, maxBatches: number): Promise<number> {
  let mailed = 0;
  await repo.dropUnmailable(deps.db);
  const started = Date.now();
  for (let batch = 0; batch < maxBatches; batch++) {
    // This batch's own moment: a long run's claims must not look stale to a run that starts later.
    const claimAt = new Date(now.getTime() + (Date.now() - started) + batch);
    const items = await deps.db.transaction().execute((tx) => repo.claimMails(tx, claimAt, MAIL_BATCH));
    if (items.length === 0) break;
    const sent: MailItem[] = [];
    const failed: MailItem[] = [];
    for (const item of items) {
      try {
        await deps.mailer.send({ to: item.email, ...render(deps, item, false) });
        sent.push(item);
      } catch (error) {
        deps.logger.error({ err: error, occurrenceId: item.occurrenceId }, 'prompt mail not sent; tried again next run');
        failed.push(item);
      }
    }
    await repo.markMailed(deps.db, sent, claimAt, true);
    await repo.markMailed(deps.db, failed, claimAt, false);
    mailed += sent.length;
    if (failed.length > 0) break;
  }
  return mailed;
}

async function sendReminders(deps: EngineDeps, now: Date): Promise<number> {
  let reminded = 0;
  for (;;) {
    const items = await deps.db.transaction().execute((tx) => repo.claimReminders(tx, now, MAIL_BATCH));
    if (items.length === 0) return reminded;
    for (const item of items.filter((i) => i.wantsMail)) {
      // Claimed already: a failed reminder is logged, not repeated (it is only a reminder).
      await deps.mailer.send({ to: item.email, ...render(deps, item, true) }).catch((error: unknown) => deps.logger.error({ err: error, occurrenceId: item.occurrenceId }, 'prompt reminder not sent'));
    }
    reminded += items.length;
  }
}

function render(deps: Pick<EngineDeps, 'i18n' | 'config'>, item: MailItem, isReminder: boolean) {
  return promptEmail({ t: deps.i18n.translator(item.locale), locale: item.locale, item, isReminder, link: `${deps.config.baseUrl}${promptAnswerPath(item.occurrenceId)}`, settingsLink: `${deps.config.baseUrl}/prikkels/instellingen` });
}
