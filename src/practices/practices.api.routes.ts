import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../platform/deps.ts';
import { requireActor } from '../platform/http/actor.ts';
import { parseInput } from '../platform/validation/validate.ts';
import { addComment, deleteComment, deleteTry, react, reportTried, setCommentHidden, setTryHidden } from './contributions.usecases.ts';
import { getPracticeView, type PracticeView, type TryView } from './practice-view.usecases.ts';
import { CreatedJson, IdParams, PageOf, PracticeJson, PracticeSummaryJson } from './practices.api.schemas.ts';
import { idOf } from './practices.http.ts';
import type { TrailNode } from './practices.models.ts';
import type { PracticeListRow } from './practices.repository.ts';
import { CommentInput, EditPracticeInput, HideInput, ListPracticesQuery, ReactionKindSchema, SharePracticeInput, ShareToInput, TryInput, filterFromApiQuery } from './practices.schemas.ts';
import { deletePractice, editPractice, listPractices, setPracticeHidden, sharePractice, sharePracticeTo } from './practices.usecases.ts';

const tags = ['practices'];
const NoContent = Type.Null();
const iso = (date: Date | null) => date?.toISOString() ?? null;
const author = (p: { authorId: string | null; authorName: string | null }) => (p.authorId && p.authorName !== null ? { userId: p.authorId, name: p.authorName } : null);
const hidden = (p: { hiddenAt: Date | null; hiddenReason: string | null }) => (p.hiddenAt ? { reason: p.hiddenReason ?? '' } : null);
const communityRef = (c: { id: string; slug: string; name: string }) => ({ id: c.id, slug: c.slug, name: c.name });

const flatten = (nodes: TrailNode<TryView>[]): TryView[] => nodes.flatMap((n) => [n.entry, ...flatten(n.children)]);

function practiceJson(view: PracticeView) {
  const p = view.practice;
  return {
    id: p.id,
    community: view.home && communityRef(view.home),
    sharedIn: view.sharedIn.map(communityRef),
    title: p.title,
    situation: p.situation,
    action: p.action,
    outcome: p.outcome,
    learning: p.learning,
    tags: p.tags,
    // Only when the reader may see the home community's framework (see practice-view.usecases.ts).
    learningQuestionId: view.learningQuestion?.id ?? null,
    author: author(p),
    recognisedCount: p.recognisedCount,
    willTryCount: p.willTryCount,
    triedCount: p.triedCount,
    myReactions: view.myReactions,
    trailSummary: view.summary,
    tries: flatten(view.trail)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((t) => ({
        id: t.id, parentId: t.parentId, communityId: t.communityId, author: author(t), organisation: t.organisationId && t.organisationName ? { id: t.organisationId, name: t.organisationName } : null,
        team: t.team, result: t.result, adapted: t.adapted, howItWent: t.howItWent, hidden: hidden(t), createdAt: t.createdAt.toISOString(),
      })),
    comments: [...view.alternatives, ...view.comments]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((c) => ({ id: c.id, kind: c.kind, communityId: c.communityId, author: author(c), body: c.body, hidden: hidden(c), createdAt: c.createdAt.toISOString() })),
    attachments: view.attachments.map((a) => ({ id: a.id, fileName: a.fileName, contentType: a.contentType, byteSize: a.byteSize, isImage: a.isImage, url: `/api/v1/attachments/${a.id}`, createdAt: a.createdAt.toISOString() })),
    hidden: hidden(p),
    createdAt: p.createdAt.toISOString(),
    editedAt: iso(p.editedAt),
  };
}

const summaryJson = (p: PracticeListRow) => ({
  id: p.id,
  community: p.communityName === null ? null : { id: p.communityId, name: p.communityName },
  title: p.title,
  situation: p.situation,
  tags: p.tags,
  authorName: p.authorName,
  recognisedCount: p.recognisedCount,
  willTryCount: p.willTryCount,
  triedCount: p.triedCount,
  commentCount: p.commentCount,
  createdAt: p.createdAt.toISOString(),
});

/** /api/v1 for practice stories: the same use cases as the pages; errors are problem+json. Attachments: attachments.api.routes.ts. */
export function practicesApiRoutes(deps: Deps) {
  return async function practicesApi(app: FastifyInstance) {
    app.addHook('preValidation', async (request) => void requireActor(request));
    const view = async (request: FastifyRequest, id: string) => practiceJson(await getPracticeView(deps, requireActor(request), id));

    app.get('/api/v1/communities/:id/practices', { schema: { tags, params: IdParams, querystring: ListPracticesQuery, response: { 200: PageOf(PracticeSummaryJson) } } }, async (request) => {
      const filter = filterFromApiQuery(parseInput(ListPracticesQuery, request.query));
      const { page } = await listPractices(deps, requireActor(request), { id: idOf(request) }, filter);
      return { ...page, items: page.items.map(summaryJson) };
    });

    app.post('/api/v1/communities/:id/practices', { schema: { tags, params: IdParams, body: SharePracticeInput, response: { 201: PracticeJson } } }, async (request, reply) => {
      const { id } = await sharePractice(deps, requireActor(request), { id: idOf(request) }, parseInput(SharePracticeInput, request.body));
      return reply.status(201).send(await view(request, id));
    });

    app.get('/api/v1/practices/:id', { schema: { tags, params: IdParams, response: { 200: PracticeJson } } }, (request) => view(request, idOf(request)));

    app.patch('/api/v1/practices/:id', { schema: { tags, params: IdParams, body: EditPracticeInput, response: { 200: PracticeJson } } }, async (request) => {
      await editPractice(deps, requireActor(request), idOf(request), parseInput(EditPracticeInput, request.body));
      return view(request, idOf(request));
    });

    app.delete('/api/v1/practices/:id', { schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await deletePractice(deps, requireActor(request), idOf(request));
      return reply.status(204).send();
    });

    app.put('/api/v1/practices/:id/hidden', { schema: { tags, params: IdParams, body: HideInput, response: { 204: NoContent } } }, async (request, reply) => {
      await setPracticeHidden(deps, requireActor(request), idOf(request), parseInput(HideInput, request.body));
      return reply.status(204).send();
    });
    app.delete('/api/v1/practices/:id/hidden', { schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await setPracticeHidden(deps, requireActor(request), idOf(request), null);
      return reply.status(204).send();
    });

    const ReactionParams = Type.Object({ id: Type.String({ format: 'uuid' }), kind: ReactionKindSchema });
    for (const on of [true, false]) {
      app.route({
        method: on ? 'PUT' : 'DELETE',
        url: '/api/v1/practices/:id/reactions/:kind',
        schema: { tags, params: ReactionParams, response: { 204: NoContent } },
        handler: async (request, reply) => {
          const { kind } = parseInput(ReactionParams, request.params);
          await react(deps, requireActor(request), idOf(request), { kind, on });
          return reply.status(204).send();
        },
      });
    }

    app.post('/api/v1/practices/:id/comments', { schema: { tags, params: IdParams, body: CommentInput, response: { 201: CreatedJson } } }, async (request, reply) => {
      return reply.status(201).send(await addComment(deps, requireActor(request), idOf(request), parseInput(CommentInput, request.body)));
    });
    app.delete('/api/v1/practice-comments/:id', { schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await deleteComment(deps, requireActor(request), idOf(request));
      return reply.status(204).send();
    });
    app.put('/api/v1/practice-comments/:id/hidden', { schema: { tags, params: IdParams, body: HideInput, response: { 204: NoContent } } }, async (request, reply) => {
      await setCommentHidden(deps, requireActor(request), idOf(request), parseInput(HideInput, request.body));
      return reply.status(204).send();
    });
    app.delete('/api/v1/practice-comments/:id/hidden', { schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await setCommentHidden(deps, requireActor(request), idOf(request), null);
      return reply.status(204).send();
    });

    app.post('/api/v1/practices/:id/tries', { schema: { tags, params: IdParams, body: TryInput, response: { 201: CreatedJson } } }, async (request, reply) => {
      return reply.status(201).send(await reportTried(deps, requireActor(request), idOf(request), parseInput(TryInput, request.body)));
    });
    app.delete('/api/v1/practice-tries/:id', { schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await deleteTry(deps, requireActor(request), idOf(request));
      return reply.status(204).send();
    });
    app.put('/api/v1/practice-tries/:id/hidden', { schema: { tags, params: IdParams, body: HideInput, response: { 204: NoContent } } }, async (request, reply) => {
      await setTryHidden(deps, requireActor(request), idOf(request), parseInput(HideInput, request.body));
      return reply.status(204).send();
    });
    app.delete('/api/v1/practice-tries/:id/hidden', { schema: { tags, params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
      await setTryHidden(deps, requireActor(request), idOf(request), null);
      return reply.status(204).send();
    });

    app.post('/api/v1/practices/:id/shares', { schema: { tags, params: IdParams, body: ShareToInput, response: { 204: NoContent } } }, async (request, reply) => {
      await sharePracticeTo(deps, requireActor(request), idOf(request), parseInput(ShareToInput, request.body));
      return reply.status(204).send();
    });
  };
}
