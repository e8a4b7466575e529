import { sql, type RawBuilder } from 'kysely';
import type { NotificationKind, SubjectKind } from './notifications.models.ts';

/**
 * From a domain event to whom it concerns. Each rule gives SQL that selects the recipients'
 * user ids (set-based: a framework version for 10,000 members is one statement) and what the
 * notification is about. The fan-out adds the rest: never the actor, active accounts only, only
 * who may still see the community, and each person's preference. Events without a rule concern
 * nobody.
 */
export interface Fanout {
  kind: NotificationKind;
  recipients: RawBuilder<unknown>;
  subjectKind: SubjectKind;
  subjectId: string;
  communityId: string | null;
  /** Null when the actor may not be named to the recipients (a pseudonymous asker). */
  actorId: string | null;
  data?: Record<string, unknown>;
}

type Payload = Record<string, unknown>;
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const ids = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const users = (list: string[]) => sql`SELECT unnest(${list}::uuid[]) AS user_id`;
const questionAsker = (questionId: string) => sql`SELECT author_id AS user_id FROM questions WHERE id = ${questionId}::uuid AND deleted_at IS NULL AND hidden_at IS NULL`;
/** An action by a pseudonymous asker names nobody. */
const actorOf = (p: Payload) => (p.byPseudonymousAsker === true ? null : str(p.actorId));

export function rulesFor(name: string, p: Payload): Fanout[] {
  const questionId = str(p.questionId);
  const communityId = str(p.communityId);
  switch (name) {
    case 'answer.posted': {
      if (!questionId) return [];
      const base = { subjectKind: 'question' as const, subjectId: questionId, communityId, actorId: actorOf(p), data: { answerId: p.answerId } };
      return [
        { ...base, kind: 'answer_posted', recipients: questionAsker(questionId) },
        {
          ...base,
          kind: 'answer_posted_followed',
          recipients: sql`SELECT f.user_id FROM question_follows f JOIN questions q ON q.id = f.question_id WHERE f.question_id = ${questionId}::uuid AND f.user_id IS DISTINCT FROM q.author_id`,
        },
      ];
    }
    case 'question.edited':
      // A minor edit (a typo) tells nobody.
      if (!questionId || p.minor === true) return [];
      return [{
        kind: 'question_edited',
        recipients: sql`SELECT user_id FROM question_follows WHERE question_id = ${questionId}::uuid`,
        subjectKind: 'question', subjectId: questionId, communityId, actorId: actorOf(p),
      }];
    case 'comment.posted': {
      if (!questionId) return [];
      const answerId = str(p.answerId);
      const recipients = answerId
        ? sql`SELECT author_id AS user_id FROM answers WHERE id = ${answerId}::uuid AND deleted_at IS NULL`
        : questionAsker(questionId);
      return [{ kind: 'comment_posted', recipients, subjectKind: 'question', subjectId: questionId, communityId, actorId: actorOf(p), data: { answerId, commentId: p.commentId } }];
    }
    case 'answer.accepted': {
      const answerId = str(p.answerId);
      if (!questionId || !answerId) return [];
      return [{ kind: 'answer_accepted', recipients: sql`SELECT author_id AS user_id FROM answers WHERE id = ${answerId}::uuid`, subjectKind: 'question', subjectId: questionId, communityId, actorId: actorOf(p), data: { answerId } }];
    }
    case 'mention':
      if (!questionId) return [];
      return [{ kind: 'mention', recipients: users(ids(p.userIds)), subjectKind: 'question', subjectId: questionId, communityId, actorId: actorOf(p), data: { answerId: p.answerId ?? null, commentId: p.commentId ?? null } }];
    case 'invited_to_answer':
      if (!questionId) return [];
      return [{ kind: 'invited_to_answer', recipients: users(ids(p.inviteeIds)), subjectKind: 'question', subjectId: questionId, communityId, actorId: p.isPseudonymous === true ? null : str(p.actorId) }];
    case 'framework.published':
      if (!communityId) return [];
      return [{
        kind: 'framework_published',
        recipients: sql`SELECT user_id FROM community_members WHERE community_id = ${communityId}::uuid AND status = 'active'`,
        subjectKind: 'framework', subjectId: communityId, communityId, actorId: str(p.actorId), data: { number: p.number },
      }];
    case 'community.join_requested':
      if (!communityId) return [];
      return [{
        kind: 'join_requested',
        recipients: sql`SELECT user_id FROM community_members WHERE community_id = ${communityId}::uuid AND status = 'active' AND role = 'facilitator'`,
        subjectKind: 'community', subjectId: communityId, communityId, actorId: str(p.userId),
      }];
    case 'community.request_approved':
    case 'community.member_invited': {
      const userId = str(p.userId);
      if (!communityId || !userId) return [];
      return [{ kind: name === 'community.member_invited' ? 'community_invited' : 'request_approved', recipients: users([userId]), subjectKind: 'community', subjectId: communityId, communityId, actorId: str(p.actorId) }];
    }
    case 'practice.reacted':
    case 'practice.commented':
    case 'practice.tried': {
      const practiceId = str(p.practiceId);
      const authorId = str(p.authorId);
      if (!practiceId || (name === 'practice.reacted' && p.on !== true)) return [];
      const recipients = name === 'practice.tried' ? users([authorId, str(p.parentAuthorId)].filter((v): v is string => v !== null)) : users(authorId ? [authorId] : []);
      const kind = name === 'practice.reacted' ? 'practice_reacted' : name === 'practice.commented' ? 'practice_commented' : 'practice_tried';
      return [{ kind, recipients, subjectKind: 'practice', subjectId: practiceId, communityId, actorId: str(p.actorId), data: { reaction: p.kind ?? null, tryId: p.tryId ?? null } }];
    }
    case 'visit.requested':
    case 'visit.accepted':
    case 'visit.rescheduled':
    case 'visit.declined':
    case 'visit.cancelled': {
      const visitId = str(p.visitId);
      if (!visitId) return [];
      const actorId = str(p.requesterId) ?? str(p.byId);
      // The other party of the request.
      const recipients = sql`SELECT CASE WHEN requester_id = ${actorId}::uuid THEN host_id ELSE requester_id END AS user_id FROM visit_requests WHERE id = ${visitId}::uuid`;
      return [{ kind: 'visit_update', recipients, subjectKind: 'visit', subjectId: visitId, communityId: null, actorId, data: { event: name.slice('visit.'.length) } }];
    }
    case 'prompt.delivered': {
      const occurrenceId = str(p.occurrenceId);
      if (!occurrenceId) return [];
      // Released from the weekly budget later: only those it reached now.
      const released = Array.isArray(p.releasedUserIds) ? ids(p.releasedUserIds) : null;
      return [{
        kind: 'prompt_delivered',
        recipients: released ? users(released) : sql`SELECT user_id FROM prompt_deliveries WHERE occurrence_id = ${occurrenceId}::uuid AND status = 'delivered'`,
        subjectKind: 'prompt_occurrence', subjectId: occurrenceId, communityId, actorId: null,
      }];
    }
    default:
      return [];
  }
}
