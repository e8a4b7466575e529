import type { Deps } from '../../platform/deps.ts';
import { IMMEDIATE_BATCH_MS, KINDS, retryDelayMs } from '../notifications.models.ts';
import { immediateEmail, unsubscribeHeaders } from './mail.emails.tsx';
import { isPermanentFailure, mailableCategory, signUnsubscribeToken, type MailCategory } from './mail.models.ts';
import * as repo from './mail.repository.ts';
import { unsubscribePath } from './unsubscribe.paths.ts';

export type MailDeps = Pick<Deps, 'db' | 'mailer' | 'i18n' | 'config' | 'logger'>;

export interface ImmediateRun {
  mailed: number;
  retried: number;
  bounced: number;
  /** Claimed but nothing left the person may still see: no mail. */
  skipped: number;
}

const PEOPLE_PER_CLAIM = 50;

/**
 * E-mail at once, run every minute: one mail per person with everything pending for them, once
 * their oldest pending notification is IMMEDIATE_BATCH_MS old. Claimed first (FOR UPDATE SKIP
 * LOCKED), so two workers never mail the same notification; sent, then marked. A temporary SMTP
 * failure drops the claim with a backoff; a permanent one marks the address bounced.
 */
export async function sendImmediateMails(deps: MailDeps, now: Date): Promise<ImmediateRun> {
  const run: ImmediateRun = { mailed: 0, retried: 0, bounced: 0, skipped: 0 };
  await repo.giveUpUndeliverable(deps.db);
  const key = await repo.unsubscribeKey(deps.db);
  const started = Date.now();
  for (;;) {
    // Each claim carries its own moment (the run's clock plus the time the run has taken), so the
    // claims of a long run never look stale to a run that starts ten minutes later.
    const claimAt = new Date(now.getTime() + (Date.now() - started));
    const batches = await repo.claimImmediate(deps.db, claimAt, IMMEDIATE_BATCH_MS, PEOPLE_PER_CLAIM);
    if (batches.length === 0) return run;
    for (const batch of batches) await mailOne(deps, key, batch, claimAt, run);
  }
}

async function mailOne(deps: MailDeps, key: string, batch: repo.ClaimedBatch, now: Date, run: ImmediateRun): Promise<void> {
  const { recipient } = batch;
  // Titles are read now, through the person's current permissions; what they cannot see is left out.
  const groups = (await repo.groupsOf(deps.db, batch.ids)).filter((g) => g.title !== null);
  if (groups.length === 0) {
    await repo.markGivenUp(deps.db, batch.ids);
    run.skipped++;
    return;
  }
  const categoryOf = (kind: string): MailCategory | null => (kind in KINDS ? mailableCategory(KINDS[kind as keyof typeof KINDS]) : null);
  const categories = [...new Set(groups.map((g) => categoryOf(g.kind)).filter((c): c is MailCategory => c !== null))];
  const links = Object.fromEntries(categories.map((c) => [c, `${deps.config.baseUrl}${unsubscribePath(signUnsubscribeToken(key, recipient.userId, c))}`]));
  const mail = immediateEmail({ t: deps.i18n.translator(recipient.locale), locale: recipient.locale, name: recipient.name, baseUrl: deps.config.baseUrl, groups, unsubscribe: links });
  const headerLink = links[categories[0] ?? 'direct'];
  try {
    await deps.mailer.send({ to: recipient.email, ...mail, headers: headerLink ? unsubscribeHeaders(headerLink) : undefined });
  } catch (error) {
    if (isPermanentFailure(error)) {
      deps.logger.warn({ err: error, userId: recipient.userId }, 'notification mail bounced; no more mail to this address');
      await repo.markBounced(deps.db, recipient.userId, now);
      run.bounced++;
    } else {
      deps.logger.error({ err: error, userId: recipient.userId }, 'notification mail not sent; tried again later');
      await repo.markRetry(deps.db, batch.ids, new Date(now.getTime() + retryDelayMs(batch.maxAttempts + 1)));
      run.retried++;
    }
    return;
  }
  // Sent: every claimed notification is done, including those left out of the mail.
  await repo.markSent(deps.db, batch.ids, now);
  run.mailed++;
}
