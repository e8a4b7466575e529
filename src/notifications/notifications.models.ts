import type { NotificationChannel, NotificationPreference } from '../platform/db/schema.ts';

/** Pure rules of notifications: kinds, the categories people set preferences for, defaults. */

/**
 * Categories people choose a channel for (per community if they like):
 * - direct: about me or asked of me — an answer to my question, my answer accepted, a mention,
 *   an invitation to answer, a join request to approve, an invitation to a community. At once.
 * - activity: around what I wrote or follow — answers on questions I follow, remarks, reactions.
 *   In the digest.
 * - community: what changes in my communities — a new framework version. In the digest.
 * - own_mail: things whose mail their feature sends itself (a prompt, asking to watch with its
 *   calendar invitation, a tried report): in the notification centre, or off; never mailed twice.
 */
export const CATEGORIES = ['direct', 'activity', 'community', 'own_mail'] as const;
export type Category = (typeof CATEGORIES)[number];

export const DEFAULT_CHANNEL: Record<Category, NotificationChannel> = { direct: 'immediate', activity: 'digest', community: 'digest', own_mail: 'in_app' };
/** What a person may choose per category. */
export const ALLOWED: Record<Category, readonly NotificationPreference[]> = {
  direct: ['immediate', 'digest', 'in_app', 'off'],
  activity: ['immediate', 'digest', 'in_app', 'off'],
  community: ['immediate', 'digest', 'in_app', 'off'],
  own_mail: ['in_app', 'off'],
};

export const KINDS = {
  answer_posted: 'direct',
  answer_posted_followed: 'activity',
  question_edited: 'activity',
  comment_posted: 'activity',
  answer_accepted: 'direct',
  mention: 'direct',
  invited_to_answer: 'direct',
  framework_published: 'community',
  join_requested: 'direct',
  request_approved: 'direct',
  community_invited: 'direct',
  practice_reacted: 'activity',
  practice_commented: 'activity',
  practice_tried: 'own_mail',
  visit_update: 'own_mail',
  prompt_delivered: 'own_mail',
  email_bounced: 'direct',
} as const satisfies Record<string, Category>;
export type NotificationKind = keyof typeof KINDS;

/** What a notification is about: the page it links to is found from this and its id. */
export type SubjectKind = 'question' | 'practice' | 'framework' | 'community' | 'visit' | 'prompt_occurrence' | 'account';

/** Several notifications of one kind about one thing are shown (and mailed) as one line: "3 new answers on …". */
export const groupKey = (n: { kind: string; subjectKind: string; subjectId: string }) => `${n.kind}:${n.subjectKind}:${n.subjectId}`;

/** Batching of e-mail at once: a person's mail waits until their oldest pending notification is this old. */
export const IMMEDIATE_BATCH_MS = 2 * 60_000;
/** Retries after a temporary SMTP failure, by attempt: 1, 5, 15, 60 minutes, then hourly. */
export function retryDelayMs(attempts: number): number {
  const minutes = [1, 5, 15, 60][attempts - 1] ?? 60;
  return minutes * 60_000;
}
