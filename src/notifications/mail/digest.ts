import { listAnswerableQuestions } from '../../questions/questions.repository.ts';
import * as repo from './digest.repository.ts';
import { digestEmail, isEmptyDigest, unsubscribeHeaders, type DigestContent } from './mail.emails.tsx';
import { duePeriods, isPermanentFailure, signUnsubscribeToken, type DigestPeriod } from './mail.models.ts';
import { markBounced, unsubscribeKey } from './mail.repository.ts';
import type { MailDeps } from './immediate.ts';
import { unsubscribePath } from './unsubscribe.paths.ts';

export interface DigestRun {
  claimed: number;
  sent: number;
  /** Nothing to tell: no mail (the run row stays, so the period is not built again). */
  empty: number;
  failed: number;
}

const PEOPLE_PER_CLAIM = 200;
const QUESTIONS_PER_DIGEST = 5;

/**
 * The digests due at `now` (daily from 07:00 Europe/Amsterdam, weekly from Monday 07:00). Per
 * batch of people: claim the period (digest_runs, ON CONFLICT DO NOTHING: one worker per person
 * and period), read the content with their permissions as they are now, in their language, and
 * send it. An empty digest is never sent.
 */
export async function sendDigests(deps: MailDeps, now: Date): Promise<DigestRun> {
  const run: DigestRun = { claimed: 0, sent: 0, empty: 0, failed: 0 };
  const key = await unsubscribeKey(deps.db);
  // Given back only at the end, so this run does not claim them again straight away.
  const retryLater: { userId: string; period: string }[] = [];
  for (const period of duePeriods(now)) {
    for (;;) {
      const claims = await repo.claimDigests(deps.db, period, now, PEOPLE_PER_CLAIM);
      if (claims.length === 0) break;
      run.claimed += claims.length;
      await sendBatch(deps, key, period, claims, now, run, retryLater);
    }
  }
  for (const item of retryLater) await repo.releaseDigest(deps.db, item.userId, item.period);
  return run;
}

async function sendBatch(deps: MailDeps, key: string, period: DigestPeriod, claims: repo.DigestClaim[], now: Date, run: DigestRun, retryLater: { userId: string; period: string }[]): Promise<void> {
  const [groups, prompts, frameworks] = await Promise.all([repo.digestGroups(deps.db, claims, now), repo.waitingPrompts(deps.db, claims, now), repo.newFrameworkVersions(deps.db, claims, now)]);
  for (const claim of claims) {
    const { recipient } = claim;
    const content: DigestContent = {
      groups: groups.get(recipient.userId) ?? [],
      questions: await answerableSince(deps, claim),
      prompts: prompts.get(recipient.userId) ?? [],
      frameworks: frameworks.get(recipient.userId) ?? [],
    };
    if (isEmptyDigest(content)) {
      run.empty++;
      continue;
    }
    const unsubscribeUrl = `${deps.config.baseUrl}${unsubscribePath(signUnsubscribeToken(key, recipient.userId, 'digest'))}`;
    const mail = digestEmail({ t: deps.i18n.translator(recipient.locale), locale: recipient.locale, name: recipient.name, baseUrl: deps.config.baseUrl, frequency: period.frequency, content, unsubscribeUrl });
    try {
      await deps.mailer.send({ to: recipient.email, ...mail, headers: unsubscribeHeaders(unsubscribeUrl) });
      await repo.markDigestSent(deps.db, recipient.userId, period.key, now);
      run.sent++;
    } catch (error) {
      run.failed++;
      if (isPermanentFailure(error)) {
        deps.logger.warn({ err: error, userId: recipient.userId }, 'digest bounced; no more mail to this address');
        await markBounced(deps.db, recipient.userId, now);
      } else {
        // Given back: the next run (hourly) claims and sends this period's digest again.
        deps.logger.error({ err: error, userId: recipient.userId }, 'digest not sent; tried again next run');
        retryLater.push({ userId: recipient.userId, period: period.key });
      }
    }
  }
}

/** Open questions matching the person's expertise, asked since their previous digest (never the same ones again). */
async function answerableSince(deps: MailDeps, claim: repo.DigestClaim) {
  if (claim.expertise.length === 0) return [];
  const newest = await listAnswerableQuestions(deps.db, claim.recipient.userId, claim.expertise, { page: 1, pageSize: QUESTIONS_PER_DIGEST });
  return newest.filter((q) => q.createdAt > claim.since);
}
