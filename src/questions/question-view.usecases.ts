import type { Actor } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import type { Paging } from '../platform/paging.ts';
import type * as answersRepo from './answers/answers.repository.ts';
import type * as commentsRepo from './comments/comments.repository.ts';
import { authorNameFor, contextForViewer, type QuestionContext } from './questions.access.ts';
import { createQuestionNotFoundError } from './questions.errors.ts';
import type { LearningQuestionRef } from '../frameworks/frameworks.repository.ts';
import { canAccept, canClose, canDeletePost, canEditPost, canModerate, canParticipate, canReadPost, isAuthor } from './questions.policies.ts';
import * as repo from './questions.repository.ts';

/**
 * The question page as one view model: every name already passed through the pseudonym rule
 * and every action already decided by the policies, so the page only renders.
 */

export const ANSWERS_PER_PAGE = 30;
/** A post shows at most this many comments, the oldest first. */
export const MAX_COMMENTS_PER_POST = 50;

export interface PostPermissions {
  canEdit: boolean;
  canDelete: boolean;
  canHide: boolean;
}

export interface CommentView extends PostPermissions {
  id: string;
  /** Both null when the author is the pseudonymous asker and the viewer may not know them. */
  authorId: string | null;
  authorName: string | null;
  isAsker: boolean;
  body: string;
  hiddenReason: string | null;
  isHidden: boolean;
  createdAt: Date;
}

export interface AnswerView extends PostPermissions {
  id: string;
  authorId: string | null;
  authorName: string | null;
  isAsker: boolean;
  isMine: boolean;
  body: string;
  helpedCount: number;
  helpedByMe: boolean;
  isAccepted: boolean;
  isHidden: boolean;
  hiddenReason: string | null;
  createdAt: Date;
  editedAt: Date | null;
  comments: CommentView[];
}

export interface QuestionView {
  context: QuestionContext;
  learningQuestion: LearningQuestionRef | null;
  askerName: string | null;
  isMine: boolean;
  isFollowing: boolean;
  comments: CommentView[];
  accepted: AnswerView | null;
  answers: AnswerView[];
  answersPage: Paging & { hasNext: boolean };
  can: PostPermissions & { participate: boolean; accept: boolean; close: boolean; moderate: boolean; invite: boolean; follow: boolean };
}

/** One round trip (findQuestionPage), then the rules: not readable is "not found". */
export async function getQuestionView(deps: Pick<Deps, 'db'>, actor: Actor, questionId: string, answersPage: number): Promise<QuestionView> {
  const paging = { page: answersPage, pageSize: ANSWERS_PER_PAGE };
  const rows = await repo.findQuestionPage(deps.db, questionId, actor.userId, paging);
  if (!rows?.community || !canReadPost(actor, rows.community, rows.question)) throw createQuestionNotFoundError();
  const { question, community, answers: answerRows, accepted, comments: commentRows, isFollowing } = rows;
  const context: QuestionContext = { question, community };
  const isModerator = canModerate(actor, community);
  const permissions = (post: { authorId: string | null; deletedAt: Date | null; hiddenAt: Date | null }): PostPermissions => ({
    canEdit: canEditPost(actor, community, post),
    canDelete: canDeletePost(actor, community, post),
    canHide: isModerator && !post.hiddenAt,
  });
  const shownAuthor = (post: { authorId: string | null; authorName: string | null }) => {
    const name = authorNameFor(actor, context, post);
    return { authorId: name === null ? null : post.authorId, authorName: name };
  };
  const commentView = (c: commentsRepo.CommentRow): CommentView => ({
    id: c.id,
    ...shownAuthor(c),
    isAsker: c.authorId !== null && c.authorId === question.authorId,
    body: c.body,
    isHidden: c.hiddenAt !== null,
    hiddenReason: c.hiddenAt ? c.hiddenReason : null,
    createdAt: c.createdAt,
    ...permissions(c),
  });
  const readableComments = commentRows.filter((c) => canReadPost(actor, community, c));
  const commentsOf = (answerId: string | null) => readableComments.filter((c) => c.answerId === answerId).slice(0, MAX_COMMENTS_PER_POST).map(commentView);
  const answerView = (a: answersRepo.AnswerRow): AnswerView => ({
    id: a.id,
    ...shownAuthor(a),
    isAsker: a.authorId !== null && a.authorId === question.authorId,
    isMine: isAuthor(actor, a),
    body: a.body,
    helpedCount: a.helpedCount,
    helpedByMe: a.helpedByMe,
    isAccepted: a.id === question.acceptedAnswerId,
    isHidden: a.hiddenAt !== null,
    hiddenReason: a.hiddenAt ? a.hiddenReason : null,
    createdAt: a.createdAt,
    editedAt: a.editedAt,
    comments: commentsOf(a.id),
    ...permissions(a),
  });
  const pageRows = answerRows.slice(0, ANSWERS_PER_PAGE).filter((a) => canReadPost(actor, community, a));
  const acceptedView = accepted && canReadPost(actor, community, accepted) ? answerView(accepted) : null;
  const participate = canParticipate(actor, community);
  const visible = contextForViewer(actor, context);
  return {
    // The raw row carries the asker; what leaves here carries only what this viewer may know.
    context: visible,
    learningQuestion: rows.learningQuestion,
    askerName: visible.question.authorName,
    isMine: isAuthor(actor, question),
    isFollowing,
    comments: commentsOf(null),
    accepted: acceptedView,
    answers: pageRows.map(answerView),
    answersPage: { ...paging, hasNext: answerRows.length > ANSWERS_PER_PAGE },
    can: {
      ...permissions(question),
      participate,
      accept: canAccept(actor, community, question) && !question.hiddenAt,
      close: canClose(actor, community, question) && !question.hiddenAt,
      moderate: isModerator,
      invite: participate && !question.hiddenAt,
      follow: true,
    },
  };
}
