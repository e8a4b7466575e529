import { loadVisibleCommunity } from '../../communities/communities.usecases.ts';
import type { CommunityRef, CommunityView } from '../../communities/communities.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { FrameworkResponseKind, FrameworkResponseStatus, FrameworkResponseTarget } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { inTransaction } from '../../platform/events/events.ts';
import { createFrameworkNotFoundError } from '../frameworks.errors.ts';
import { SECTIONS, type LearningQuestion } from '../frameworks.models.ts';
import { canWriteFramework } from '../frameworks.policies.ts';
import * as frameworkRepo from '../frameworks.repository.ts';
import { adoptIntoDraft } from '../frameworks.usecases.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { createNotAProposalError, createReplyRequiredError, createResponseForbiddenError, createResponseNotFoundError, createTextRequiredError, createUnknownLearningQuestionError } from './responses.errors.ts';
import * as repo from './responses.repository.ts';
import type { ResponseRow } from './responses.repository.ts';
import type { AdoptInput, AnswerInput, RespondInput } from './responses.schemas.ts';

type ReadDeps = Pick<Deps, 'db'>;
type WriteDeps = Pick<Deps, 'db' | 'events' | 'ids' | 'clock'>;
type RespondDeps = WriteDeps & Pick<Deps, 'rateLimiter'>;

/** Responses per member per hour: plenty for a person, a brake on a script (the reason author_id is kept). */
export const RESPONSES_PER_HOUR = 60;

/** Responding is for active members of a community one may see (partner members included). */
export const canRespond = (community: CommunityView) => community.membership?.status === 'active';

/**
 * A response as it may leave the use cases: never the author's id, and the author's name only
 * when they signed (every comment is signed).
 */
export interface ResponseView {
  id: string;
  versionId: string;
  target: FrameworkResponseTarget;
  learningQuestionId: string | null;
  kind: FrameworkResponseKind;
  text: string;
  signed: boolean;
  author: string | null;
  status: FrameworkResponseStatus;
  reply: string;
  creditedTo: string | null;
  createdAt: Date;
}

export function toView(row: ResponseRow): ResponseView {
  const author = row.signed ? row.authorName : null;
  return {
    id: row.id,
    versionId: row.versionId,
    target: row.target,
    learningQuestionId: row.learningQuestionId,
    kind: row.kind,
    text: row.body,
    signed: row.signed,
    author,
    status: row.status,
    reply: row.reply,
    creditedTo: row.creditProposer && row.signed ? author : null,
    createdAt: row.createdAt,
  };
}

export interface ResponseGroup {
  target: FrameworkResponseTarget;
  learningQuestion: LearningQuestion | null;
  counts: { openUnclear: number; openProposals: number; comments: number };
  items: ResponseView[];
}

/** One group per section and per learning question of the current version, in page order. */
function groupResponses(rows: ResponseRow[], learningQuestions: LearningQuestion[]): ResponseGroup[] {
  const views = rows.map(toView);
  const groups: ResponseGroup[] = [
    ...SECTIONS.map((section) => ({ target: section as FrameworkResponseTarget, learningQuestion: null })),
    ...learningQuestions.map((q) => ({ target: 'learning_question' as const, learningQuestion: q })),
  ].map((g) => {
    const items = views.filter((v) => v.target === g.target && (g.learningQuestion === null || v.learningQuestionId === g.learningQuestion.id));
    return {
      ...g,
      counts: {
        openUnclear: items.filter((v) => v.kind === 'unclear' && v.status === 'open').length,
        openProposals: items.filter((v) => v.kind === 'proposal' && v.status === 'open').length,
        comments: items.filter((v) => v.kind === 'comment').length,
      },
      items,
    };
  });
  return groups;
}

async function currentOf(deps: ReadDeps, community: CommunityView) {
  const frameworkId = await frameworkRepo.findFrameworkId(deps.db, community.id);
  const current = frameworkId ? await frameworkRepo.findLatestPublished(deps.db, frameworkId) : undefined;
  return { frameworkId, current };
}

export interface ResponsesOverview {
  community: CommunityView;
  groups: ResponseGroup[];
}

/** The managers' overview: counts and texts per section and learning question; never who, unless signed. */
export async function listFrameworkResponses(deps: ReadDeps, actor: Actor, ref: CommunityRef): Promise<ResponsesOverview> {
  const community = await loadVisibleCommunity(deps.db, actor, ref);
  if (!canWriteFramework(actor, community)) throw createFrameworkNotFoundError();
  const { frameworkId, current } = await currentOf(deps, community);
  const rows = frameworkId ? await repo.listResponses(deps.db, frameworkId) : [];
  return { community, groups: groupResponses(rows, current?.learningQuestions ?? []) };
}

export interface ReaderResponses {
  canRespond: boolean;
  /** Answered and adopted flags and proposals, with the managers' reply: for every reader. */
  answered: ResponseView[];
}

/** What the framework page adds for a reader: whether they may respond, and the answers given. */
export async function getReaderResponses(deps: ReadDeps, actor: Actor, ref: CommunityRef): Promise<ReaderResponses> {
  const community = await loadVisibleCommunity(deps.db, actor, ref);
  const { frameworkId, current } = await currentOf(deps, community);
  if (!frameworkId || !current) return { canRespond: false, answered: [] };
  return { canRespond: canRespond(community), answered: (await repo.listAnswered(deps.db, frameworkId)).map(toView) };
}

/** A member responds to the current published version. */
export async function respondToFramework(deps: RespondDeps, actor: Actor, ref: CommunityRef, input: RespondInput): Promise<ResponseView> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    const community = await loadVisibleCommunity(tx, actor, ref);
    if (!canRespond(community)) throw createResponseForbiddenError();
    const frameworkId = await frameworkRepo.findFrameworkId(tx, community.id);
    const current = frameworkId && (await frameworkRepo.findLatestPublished(tx, frameworkId));
    if (!frameworkId || !current) throw createFrameworkNotFoundError();
    const text = (input.text ?? '').trim();
    if (input.kind !== 'unclear' && text === '') throw createTextRequiredError();
    let learningQuestionId: string | null = null;
    if (input.target === 'learning_question') {
      learningQuestionId = input.learningQuestionId ?? null;
      if (!current.learningQuestions.some((q) => q.id === learningQuestionId)) throw createUnknownLearningQuestionError();
    }
    await deps.rateLimiter.hit(`framework-response:${actor.userId}`, RESPONSES_PER_HOUR, 3600);
    const signed = input.kind === 'comment' || input.signed === true;
    const id = deps.ids.uuid();
    await repo.insertResponse(tx, { id, frameworkId, versionId: current.id, target: input.target, learningQuestionId, kind: input.kind, body: text, signed, authorId: actor.userId, now: deps.clock.now() });
    // The event names the member only when they signed: notifications and logs must not reveal a flagger.
    emit('framework.responded', { communityId: community.id, frameworkId, responseId: id, versionId: current.id, target: input.target, learningQuestionId, kind: input.kind, ...(signed ? { actorId: actor.userId } : {}) });
    return toView((await repo.findResponse(tx, frameworkId, id))!);
  });
}

async function reply(
  deps: WriteDeps,
  actor: Actor,
  ref: CommunityRef,
  responseId: string,
  decide: (row: ResponseRow) => { status: FrameworkResponseStatus; reply: string; creditProposer: boolean },
  apply?: (tx: DbOrTx, row: ResponseRow, frameworkId: string) => Promise<void>,
): Promise<ResponseView> {
  return inTransaction(deps.db, deps.events, async (tx, emit) => {
    // The community lock serialises this with saving the draft (adopting writes into it).
    const community = await loadVisibleCommunity(tx, actor, ref, { lock: true });
    const frameworkId = await frameworkRepo.findFrameworkId(tx, community.id);
    if (!canWriteFramework(actor, community)) throw createResponseForbiddenError();
    const row = frameworkId && (await repo.findResponse(tx, frameworkId, responseId, { lock: true }));
    // Comments are conversation, not requests: only flags and proposals get an answer.
    if (!frameworkId || !row || row.kind === 'comment') throw createResponseNotFoundError();
    const decision = decide(row);
    await repo.replyToResponse(tx, row.id, { ...decision, repliedBy: actor.userId, now: deps.clock.now() });
    if (apply) await apply(tx, row, frameworkId);
    emit('framework.response_answered', { communityId: community.id, frameworkId, responseId: row.id, kind: row.kind, status: decision.status, actorId: actor.userId });
    return toView((await repo.findResponse(tx, frameworkId, row.id))!);
  });
}

/** A manager answers a flag or proposal; the reply is shown to every reader of the framework. */
export function answerFrameworkResponse(deps: WriteDeps, actor: Actor, ref: CommunityRef, responseId: string, input: AnswerInput): Promise<ResponseView> {
  return reply(deps, actor, ref, responseId, (row) => {
    if (input.reply.trim() === '') throw createReplyRequiredError();
    return { status: row.status === 'adopted' ? 'adopted' : 'answered', reply: input.reply.trim(), creditProposer: row.creditProposer };
  });
}

/**
 * A manager adopts a proposal: its text goes into the next draft (see adoptIntoDraft), and the
 * proposer is credited only if they signed.
 */
export function adoptFrameworkProposal(deps: WriteDeps, actor: Actor, ref: CommunityRef, responseId: string, input: AdoptInput): Promise<ResponseView> {
  return reply(
    deps,
    actor,
    ref,
    responseId,
    (row) => {
      if (row.kind !== 'proposal') throw createNotAProposalError();
      return { status: 'adopted', reply: (input.reply ?? '').trim() || row.reply, creditProposer: row.signed && input.credit === true };
    },
    (tx, row, frameworkId) => adoptIntoDraft(tx, deps, actor.userId, frameworkId, { target: row.target, learningQuestionId: row.learningQuestionId, text: row.body }),
  );
}
