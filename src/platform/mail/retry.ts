import type { Deps } from '../deps.ts';
import type { QueuedMailMessage } from '../db/schema.ts';
import { isPermanentFailure } from './mailer.ts';
import * as repo from './retry.repository.ts';

/**
 * Mail that a feature sends itself, kept through an SMTP outage: tried at once; when the server
 * says "try again later" or cannot be reached, the message waits in `mail_retries` and the
 * minute job `mail.retries` tries again after 1, 5, 15, 60 and 240 minutes, then every 4 hours,
 * giving up after a day. An address the server refuses for good (5xx) is not tried again.
 */

type MailDeps = Pick<Deps, 'db' | 'mailer' | 'ids' | 'clock' | 'logger'>;

const BACKOFF_MINUTES = [1, 5, 15, 60, 240];
/** After this many attempts (about a day) the mail is given up on. */
export const MAX_ATTEMPTS = 10;
const LEASE_MS = 10 * 60_000;
const BATCH = 50;

export const backoffMs = (attempts: number) => (BACKOFF_MINUTES[attempts - 1] ?? BACKOFF_MINUTES.at(-1)!) * 60_000;

/** What may go to the logs and the table: the SMTP code, never the message or the address. */
const errorCode = (error: unknown) => {
  const e = error as { responseCode?: unknown; code?: unknown } | null;
  return [e?.responseCode, e?.code].filter((part) => part !== undefined && part !== null).join(' ') || 'unknown';
};

export type SendOutcome = 'sent' | 'queued' | 'refused';

/** `purpose` names the sender in logs (e.g. 'practices.tried'). */
export async function sendOrQueue(deps: MailDeps, purpose: string, message: QueuedMailMessage, now: Date = deps.clock.now()): Promise<SendOutcome> {
  try {
    await deps.mailer.send(message);
    return 'sent';
  } catch (error) {
    if (isPermanentFailure(error)) {
      deps.logger.warn({ purpose, code: errorCode(error) }, 'mail refused by the server; not tried again');
      return 'refused';
    }
    await repo.queueMail(deps.db, { id: deps.ids.uuid(), purpose, message, nextAt: new Date(now.getTime() + backoffMs(1)), error: errorCode(error) });
    deps.logger.warn({ purpose, code: errorCode(error) }, 'mail not sent; queued to try again');
    return 'queued';
  }
}

export interface RetryRun {
  sent: number;
  postponed: number;
  dropped: number;
}

/** The minute job: sends the due mails of the queue once more. */
export async function retryQueuedMails(deps: MailDeps, now: Date = deps.clock.now()): Promise<RetryRun> {
  const run: RetryRun = { sent: 0, postponed: 0, dropped: 0 };
  for (const mail of await repo.claimDueMails(deps.db, now, LEASE_MS, BATCH)) {
    try {
      await deps.mailer.send(mail.message);
      await repo.deleteQueuedMail(deps.db, mail.id);
      run.sent++;
    } catch (error) {
      if (isPermanentFailure(error) || mail.attempts + 1 >= MAX_ATTEMPTS) {
        await repo.deleteQueuedMail(deps.db, mail.id);
        deps.logger.error({ purpose: mail.purpose, attempts: mail.attempts + 1, code: errorCode(error) }, 'mail given up on');
        run.dropped++;
      } else {
        await repo.postponeQueuedMail(deps.db, mail.id, new Date(now.getTime() + backoffMs(mail.attempts + 1)), errorCode(error));
        run.postponed++;
      }
    }
  }
  return run;
}
