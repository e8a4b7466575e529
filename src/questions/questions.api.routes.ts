import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../platform/deps.ts';
import { requireActor } from '../platform/http/actor.ts';
import { parseInput } from '../platform/validation/validate.ts';
import { deleteAnswer, editAnswer, listAnswerRevisions, postAnswer, setAcceptedAnswer, setAnswerHidden, setHelped } from './answers/answers.usecases.ts';
import { deleteComment, postComment, setCommentHidden } from './comments/comments.usecases.ts';
import { closeAsDuplicate, deleteQuestion, inviteToAnswer, reopenQuestion, setQuestionHidden } from './moderation.usecases.ts';
import { getQuestionView, type AnswerView, type CommentView, type QuestionView } from './question-view.usecases.ts';
import { CreatedJson, HelpedJson, IdParams, InvitedJson, PageOf, PageQuery, QuestionJson, QuestionSummaryJson, RevisionJson } from './questions.api.schemas.ts';
import { PAGE_SIZE } from './questions.models.ts';
import { AcceptInput, AnswerInput, AskQuestionInput, CloseInput, CommentInput, EditQuestionInput, HideInput, InviteToAnswerInput, ListQuestionsQuery, MyQuestionsQuery, filterFromApiQuery } from './questions.schemas.ts';
import { askQuestion, editQuestion, listMyQuestions, listQuestionRevisions, listQuestions, setFollowing, type QuestionListItem, type RevisionView } from './questions.usecases.ts';
import { idOf } from './questions.http.ts';

const tags = ['questions'];
const NoContent = Type.Null();
const iso = (date: Date | null) => date?.toISOString() ?? null;
const author = (p: { authorId: string | null; authorName: string | null }) => (p.authorId && p.authorName !== null ? { userId: p.authorId, name: p.authorName } : null);

const commentJson = (c: CommentView) => ({ id: c.id, author: author(c), isAsker: c.isAsker, body: c.body, hidden: c.isHidden ? { reason: c.hiddenReason ?? '' } : null, createdAt: c.createdAt.toISOString() });

const answerJson = (a: AnswerView) => ({
  id: a.id,
  author: author(a),
  isAsker: a.isAsker,
  body: a.body,
  helpedCount: a.helpedCount,
  helpedByMe: a.helpedByMe,
  isAccepted: a.isAccepted,
  hidden: a.isHidden ? { reason: a.hiddenReason ?? '' } : null,
  createdAt: a.createdAt.toISOString(),
  editedAt: iso(a.editedAt),
  comments: a.comments.map(commentJson),
});

function questionJson(view: QuestionView) {
  const { question: q, community } = view.context;
  return {
    id: q.id,
    community: { id: community.id, slug: community.slug, name: community.name },
    kind: q.kind,
    title: q.title,
    body: q.body,
    tags: q.tags,
    learningQuestionId: q.learningQuestionId,
    author: author({ authorId: q.authorId, authorName: view.askerName }),
    isPseudonymous: q.isPseudonymous,
    acceptedAnswerId: q.acceptedAnswerId,
    duplicateOfId: q.duplicateOf?.id ?? null,
    closedAt: iso(q.closedAt),
    answerCount: q.answerCount,
    helpedCount: q.helpedCount,
    hidden: q.hiddenAt ? { reason: q.hiddenReason ?? '' } : null,
    isFollowing: view.isFollowing,
    createdAt: q.createdAt.toISOString(),
    editedAt: iso(q.editedAt),
    lastActivityAt: q.lastActivityAt.toISOString(),
    comments: view.comments.map(commentJson),
    answers: { items: [...(view.accepted && view.answersPage.page === 1 ? [view.accepted] : []), ...view.answers].map(answerJson), page: view.answersPage.page, pageSize: view.answersPage.pageSize, hasNext: view.answersPage.hasNext },
  };
}

const summaryJson = (q: QuestionListItem) => ({
  id: q.id,
  community: { id: q.communityId, slug: q.communitySlug, name: q.communityName },
  kind: q.kind,
  title: q.title,
  tags: q.tags,
  author: author(q),
  isPseudonymous: q.isPseudonymous,
  answerCount: q.answerCount,
  helpedCount: q.helpedCount,
  isSolved: q.isSolved,
  isClosed: q.isClosed,
  createdAt: q.createdAt.toISOString(),
  lastActivityAt: q.lastActivityAt.toISOString(),
});

const revisionJson = (r: RevisionView) => ({ id: r.id, editor: r.editorName === null ? null : { name: r.editorName }, title: r.title, body: r.body, tags: r.tags, createdAt: r.createdAt.toISOString() });

/** /api/v1 for questions, answers and comments: the same use cases as the pages; errors are problem+json. */
export function questionsApiRoutes(deps: Deps) {
  return async function questionsApi(app: FastifyInstance) {
    app.addHook('preValidation', async (request) => void requireActor(request));
    const view = async (request: FastifyRequest, id: string, page = 1) => questionJson(await getQuestionView(deps, requireActor(request), id, page));

    app.get('/api/v1/communities/:id/questions', { schema: { tags, params: IdParams, querystring: ListQuestionsQuery, response: { 200: PageOf(QuestionSummaryJson) } } }, async (request) => {
      const filter = filterFromApiQuery(parseInput(ListQuestionsQuery, request.query));
      const { page } = await listQuestions(deps, requireActor(request), { id: idOf(request) }, filter);
      return { ...page, items: page.items.map(summaryJson) };
    });

    app.post('/api/v1/communities/:id/questions', { schema: { tags, params: IdParams, body: AskQuestionInput, response: { 201: QuestionJson } } }, async (request, reply) => {
      const { id } = await askQuestion(deps, requireActor(request), { id: idOf(request) }, parseInput(AskQuestionInput, request.body));
      return reply.status(201).send(await view(request, id));
    });

    app.get('/api/v1/questions', { schema: { tags, querystring: MyQuestionsQuery, response: { 200: PageOf(QuestionSummaryJson) } } }, async (request) => {
      const query = parseInput(MyQuestionsQuery, request.query);
      const { page } = await listMyQuestions(deps, requireActor(request), query.list ?? 'answerable', { page: query.page ?? 1, pageSize: query.pageSize ?? PAGE_SIZE });
      return { ...page, items: page.items.map(summaryJson) };
    });

    app.get('/api/v1/questions/:id', { schema: { tags, params: IdParams, querystring: PageQuery, response: { 200: QuestionJson } } }, async (request) => {
      return view(request, idOf(request), parseInput(PageQuery, request.query).page ?? 1);
    });

    app.patch('/api/v1/questions/:id', { schema: { tags, params: IdParams, body: EditQuestionInput, response: { 200: QuestionJson } } }, async (request) => {
      await editQuestion(deps, requireActor(request), idOf(request), parseInput(EditQuestionInput, request.body));
      return view(request, idOf(request));
    });

    app.delete('/api/v1/questions/:id', { schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await deleteQuestion(deps, requireActor(request), idOf(request));
      return reply.status(204).send();
    });

    app.get('/api/v1/questions/:id/revisions', { schema: { tags, params: IdParams, response: { 200: Type.Object({ items: Type.Array(RevisionJson) }) } } }, async (request) => {
      const { revisions } = await listQuestionRevisions(deps, requireActor(request), idOf(request));
      return { items: revisions.map(revisionJson) };
    });

    app.post('/api/v1/questions/:id/answers', { schema: { tags, params: IdParams, body: AnswerInput, response: { 201: CreatedJson } } }, async (request, reply) => {
      return reply.status(201).send(await postAnswer(deps, requireActor(request), idOf(request), parseInput(AnswerInput, request.body)));
    });

    app.post('/api/v1/questions/:id/comments', { schema: { tags, params: IdParams, body: CommentInput, response: { 201: CreatedJson } } }, async (request, reply) => {
      return reply.status(201).send(await postComment(deps, requireActor(request), { questionId: idOf(request) }, parseInput(CommentInput, request.body)));
    });

    app.put('/api/v1/questions/:id/accepted-answer', { schema: { tags, params: IdParams, body: AcceptInput, response: { 204: NoContent } } }, async (request, reply) => {
      await setAcceptedAnswer(deps, requireActor(request), idOf(request), parseInput(AcceptInput, request.body).answerId);
      return reply.status(204).send();
    });

    app.delete('/api/v1/questions/:id/accepted-answer', { schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await setAcceptedAnswer(deps, requireActor(request), idOf(request), null);
      return reply.status(204).send();
    });

    for (const follow of [true, false]) {
      app.route({ method: follow ? 'PUT' : 'DELETE', url: '/api/v1/questions/:id/follow', schema: { tags, params: IdParams, response: { 204: NoContent } }, handler: async (request, reply) => {
        await setFollowing(deps, requireActor(request), idOf(request), follow);
        return reply.status(204).send();
      } });
    }

    app.put('/api/v1/questions/:id/hidden', { schema: { tags, params: IdParams, body: HideInput, response: { 204: NoContent } } }, async (request, reply) => {
      await setQuestionHidden(deps, requireActor(request), idOf(request), parseInput(HideInput, request.body));
      return reply.status(204).send();
    });

    app.delete('/api/v1/questions/:id/hidden', { schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await setQuestionHidden(deps, requireActor(request), idOf(request), null);
      return reply.status(204).send();
    });

    app.put('/api/v1/questions/:id/closed', { schema: { tags, params: IdParams, body: CloseInput, response: { 204: NoContent } } }, async (request, reply) => {
      await closeAsDuplicate(deps, requireActor(request), idOf(request), parseInput(CloseInput, request.body));
      return reply.status(204).send();
    });

    app.delete('/api/v1/questions/:id/closed', { schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await reopenQuestion(deps, requireActor(request), idOf(request));
      return reply.status(204).send();
    });

    app.post('/api/v1/questions/:id/answer-invitations', { schema: { tags, params: IdParams, body: InviteToAnswerInput, response: { 200: InvitedJson } } }, async (request) => {
      return inviteToAnswer(deps, requireActor(request), idOf(request), parseInput(InviteToAnswerInput, request.body));
    });

    app.patch('/api/v1/answers/:id', { schema: { tags, params: IdParams, body: AnswerInput, response: { 204: NoContent } } }, async (request, reply) => {
      await editAnswer(deps, requireActor(request), idOf(request), parseInput(AnswerInput, request.body));
      return reply.status(204).send();
    });

    app.delete('/api/v1/answers/:id', { schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await deleteAnswer(deps, requireActor(request), idOf(request));
      return reply.status(204).send();
    });

    app.get('/api/v1/answers/:id/revisions', { schema: { tags, params: IdParams, response: { 200: Type.Object({ items: Type.Array(RevisionJson) }) } } }, async (request) => {
      const { revisions } = await listAnswerRevisions(deps, requireActor(request), idOf(request));
      return { items: revisions.map(revisionJson) };
    });

    for (const helped of [true, false]) {
      app.route({ method: helped ? 'PUT' : 'DELETE', url: '/api/v1/answers/:id/helped', schema: { tags, params: IdParams, response: { 200: HelpedJson } }, handler: async (request) => {
        const { helpedCount } = await setHelped(deps, requireActor(request), idOf(request), helped);
        return { helpedCount, helpedByMe: helped };
      } });
    }

    app.put('/api/v1/answers/:id/hidden', { schema: { tags, params: IdParams, body: HideInput, response: { 204: NoContent } } }, async (request, reply) => {
      await setAnswerHidden(deps, requireActor(request), idOf(request), parseInput(HideInput, request.body));
      return reply.status(204).send();
    });

    app.delete('/api/v1/answers/:id/hidden', { schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await setAnswerHidden(deps, requireActor(request), idOf(request), null);
      return reply.status(204).send();
    });

    app.post('/api/v1/answers/:id/comments', { schema: { tags, params: IdParams, body: CommentInput, response: { 201: CreatedJson } } }, async (request, reply) => {
      return reply.status(201).send(await postComment(deps, requireActor(request), { answerId: idOf(request) }, parseInput(CommentInput, request.body)));
    });

    app.delete('/api/v1/comments/:id', { schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await deleteComment(deps, requireActor(request), idOf(request));
      return reply.status(204).send();
    });

    app.put('/api/v1/comments/:id/hidden', { schema: { tags, params: IdParams, body: HideInput, response: { 204: NoContent } } }, async (request, reply) => {
      await setCommentHidden(deps, requireActor(request), idOf(request), parseInput(HideInput, request.body));
      return reply.status(204).send();
    });

    app.delete('/api/v1/comments/:id/hidden', { schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await setCommentHidden(deps, requireActor(request), idOf(request), null);
      return reply.status(204).send();
    });
  };
}
