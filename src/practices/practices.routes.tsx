import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { requireActor } from '../platform/http/actor.ts';
import { redirectWithNotice } from '../platform/http/context.ts';
import { parseInput } from '../platform/validation/validate.ts';
import { HidePage } from '../questions/question-forms.pages.tsx';
import { emptyForm, type FormState } from '../ui/components.tsx';
import { runForm } from '../ui/forms.ts';
import type { Ui } from '../ui/render.tsx';
import { attachmentsRoutes } from './attachments.routes.tsx';
import { practicesApiRoutes } from './practices.api.routes.ts';
import { addComment, assertMayHideComment, assertMayHideTry, deleteComment, deleteTry, prepareTry, react, reportTried, setCommentHidden, setTryHidden } from './contributions.usecases.ts';
import { PracticePage, type FailedForm, type PracticePageSlots } from './practice.pages.tsx';
import { getPracticeView, type PracticeView } from './practice-view.usecases.ts';
import { loadReadablePractice } from './practices.access.ts';
import { createForbiddenError } from './practices.errors.ts';
import { idOf, slugOf } from './practices.http.ts';
import { EditPracticePage, GalleryPage, ShareToPage, TryPage } from './practices.pages.tsx';
import { communityPracticesPath, practicePath, tryAnchor } from './practices.paths.ts';
import { canModeratePractice } from './practices.policies.ts';
import { CommentInput, EditPracticeInput, HideInput, ReactInput, ShareToInput, TryInput, filterFromPageQuery, practiceFormInput, tryFormInput } from './practices.schemas.ts';
import { deletePractice, editPractice, listPractices, preparePracticeEdit, prepareShareTo, setPracticeHidden, sharePracticeTo } from './practices.usecases.ts';

/**
 * Extra content for the practice page from the sub-features (asking to watch): given the
 * request and the story as this viewer may see it, it renders its block. Wired in src/app/server.tsx.
 */
export type PracticePageExtension = (request: FastifyRequest, view: PracticeView) => Promise<PracticePageSlots>;

/** Delen en afkijken: the gallery, the story page and what is done on it, as pages and form posts. */
export function practicesRoutes(deps: Deps, ui: Ui, options: { pageExtension?: PracticePageExtension } = {}) {
  return async function practices(app: FastifyInstance) {
    app.get('/gemeenschappen/:slug/praktijk', async (request, reply) => {
      const filter = filterFromPageQuery(request.query);
      const result = await listPractices(deps, requireActor(request), slugOf(request), filter);
      return ui.send(reply, <GalleryPage ctx={ui.context(request)} result={result} filter={filter} />);
    });

    const renderPractice = async (request: FastifyRequest, reply: FastifyReply, failed?: FailedForm, status = 200) => {
      const view = await getPracticeView(deps, requireActor(request), idOf(request));
      const slots = options.pageExtension ? await options.pageExtension(request, view) : {};
      return ui.send(reply, <PracticePage ctx={ui.context(request)} view={view} failed={failed} slots={slots} />, status);
    };

    app.get('/praktijk/:id', (request, reply) => renderPractice(request, reply));

    const renderEdit = async (request: FastifyRequest, reply: FastifyReply, form: FormState | undefined, status = 200) => {
      const { practice, learningQuestions } = await preparePracticeEdit(deps, requireActor(request), idOf(request));
      const values = { title: practice.title, situation: practice.situation, action: practice.action, outcome: practice.outcome, learning: practice.learning, tags: practice.tags, learningQuestionId: practice.learningQuestionId ?? '' };
      return ui.send(reply, <EditPracticePage ctx={ui.context(request)} practiceId={practice.id} learningQuestions={learningQuestions} form={form ?? emptyForm(values)} />, status);
    };
    app.get('/praktijk/:id/bewerken', (request, reply) => renderEdit(request, reply, undefined));
    app.post('/praktijk/:id/bewerken', async (request, reply) => {
      const result = await runForm(request, () => editPractice(deps, requireActor(request), idOf(request), parseInput(EditPracticeInput, practiceFormInput(request.body))));
      if (!result.ok) return renderEdit(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps.config, practicePath(idOf(request)), 'practices.notice.edited');
    });

    app.post('/praktijk/:id/verwijderen', async (request, reply) => {
      const actor = requireActor(request);
      const asked = ui.confirm(request, reply, request.t('practices.delete.confirm'));
      if (asked) return asked;
      const { communitySlug } = await deletePractice(deps, actor, idOf(request));
      return redirectWithNotice(reply, deps.config, communityPracticesPath(communitySlug), 'practices.notice.deleted');
    });

    app.post('/praktijk/:id/reageren', async (request, reply) => {
      const actor = requireActor(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const input = parseInput(ReactInput, { kind: body.kind, on: body.on === 'true' || body.on === true });
      await react(deps, actor, idOf(request), input);
      return redirectWithNotice(reply, deps.config, practicePath(idOf(request)), input.on ? `practices.notice.reacted_${input.kind}` : 'practices.notice.reaction_removed');
    });

    app.post('/praktijk/:id/opmerkingen', async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const kind = body.kind === 'alternative' ? 'alternative' : 'comment';
      const result = await runForm(request, () => addComment(deps, requireActor(request), idOf(request), parseInput(CommentInput, { kind, body: body.body })));
      if (!result.ok) return renderPractice(request, reply, { kind, form: result.form }, result.status);
      return redirectWithNotice(reply, deps.config, practicePath(idOf(request), `#opmerking-${result.value.id}`), `practices.notice.${kind}_added`);
    });

    const renderTry = async (request: FastifyRequest, reply: FastifyReply, form: FormState | undefined, parentId: string | null, status = 200) => {
      const tryForm = await prepareTry(deps, requireActor(request), idOf(request), parentId);
      return ui.send(reply, <TryPage ctx={ui.context(request)} tryForm={tryForm} form={form ?? emptyForm({ team: tryForm.lastTeam })} />, status);
    };
    app.get('/praktijk/:id/geprobeerd', (request, reply) => {
      const from = (request.query as Record<string, unknown>).vanuit;
      return renderTry(request, reply, undefined, typeof from === 'string' && from !== '' ? from : null);
    });
    app.post('/praktijk/:id/geprobeerd', async (request, reply) => {
      const input = tryFormInput(request.body);
      const result = await runForm(request, () => reportTried(deps, requireActor(request), idOf(request), parseInput(TryInput, input)));
      if (!result.ok) return renderTry(request, reply, result.form, typeof input.parentId === 'string' ? input.parentId : null, result.status);
      return redirectWithNotice(reply, deps.config, tryAnchor(idOf(request), result.value.id), 'practices.notice.tried');
    });

    const renderShareTo = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
      const { practice, homeAllows, targets } = await prepareShareTo(deps, requireActor(request), idOf(request));
      return ui.send(reply, <ShareToPage ctx={ui.context(request)} practiceId={practice.id} practiceTitle={practice.title} homeAllows={homeAllows} targets={targets} form={form} />, status);
    };
    app.get('/praktijk/:id/delen-met', (request, reply) => renderShareTo(request, reply, emptyForm()));
    app.post('/praktijk/:id/delen-met', async (request, reply) => {
      const result = await runForm(request, () => sharePracticeTo(deps, requireActor(request), idOf(request), parseInput(ShareToInput, { communityId: (request.body as Record<string, unknown> | undefined)?.communityId })));
      if (!result.ok) return renderShareTo(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps.config, practicePath(idOf(request)), 'practices.notice.shared_to');
    });

    // Hiding, showing again and deleting: the story, a remark, a tried report ------------------

    const hideRoutes = (base: string, may: (request: FastifyRequest) => Promise<{ practiceId: string }>, hide: (request: FastifyRequest, input: HideInput | null) => Promise<{ practiceId: string }>) => {
      const renderHide = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
        const { practiceId } = await may(request);
        return ui.send(reply, <HidePage ctx={ui.context(request)} action={`${base.replace(':id', idOf(request))}/verbergen`} back={practicePath(practiceId)} form={form} />, status);
      };
      app.get(`${base}/verbergen`, (request, reply) => renderHide(request, reply, emptyForm()));
      app.post(`${base}/verbergen`, async (request, reply) => {
        const result = await runForm(request, () => hide(request, parseInput(HideInput, request.body)));
        if (!result.ok) return renderHide(request, reply, result.form, result.status);
        return redirectWithNotice(reply, deps.config, practicePath(result.value.practiceId), 'practices.notice.hidden');
      });
      app.post(`${base}/tonen`, async (request, reply) => {
        const { practiceId } = await hide(request, null);
        return redirectWithNotice(reply, deps.config, practicePath(practiceId), 'practices.notice.unhidden');
      });
    };

    hideRoutes(
      '/praktijk/:id',
      async (request) => {
        const actor = requireActor(request);
        if (!canModeratePractice(actor, await loadReadablePractice(deps.db, actor, idOf(request)))) throw createForbiddenError();
        return { practiceId: idOf(request) };
      },
      async (request, input) => {
        await setPracticeHidden(deps, requireActor(request), idOf(request), input);
        return { practiceId: idOf(request) };
      },
    );
    hideRoutes('/praktijkreacties/:id', (request) => assertMayHideComment(deps, requireActor(request), idOf(request)), (request, input) => setCommentHidden(deps, requireActor(request), idOf(request), input));
    hideRoutes('/geprobeerd/:id', (request) => assertMayHideTry(deps, requireActor(request), idOf(request)), (request, input) => setTryHidden(deps, requireActor(request), idOf(request), input));

    for (const [base, remove] of [['/praktijkreacties/:id', deleteComment], ['/geprobeerd/:id', deleteTry]] as const) {
      app.post(`${base}/verwijderen`, async (request, reply) => {
        const actor = requireActor(request);
        const asked = ui.confirm(request, reply, request.t('practices.delete.confirm_remark'));
        if (asked) return asked;
        const { practiceId } = await remove(deps, actor, idOf(request));
        return redirectWithNotice(reply, deps.config, practicePath(practiceId), 'practices.notice.removed');
      });
    }

    await app.register(attachmentsRoutes(deps, ui));
    await app.register(practicesApiRoutes(deps));
  };
}
