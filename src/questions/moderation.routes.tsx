import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { requireActor } from '../platform/http/actor.ts';
import { redirectWithNotice } from '../platform/http/context.ts';
import { parseInput, splitList } from '../platform/validation/validate.ts';
import { emptyForm, type FormState } from '../ui/components.tsx';
import { runForm } from '../ui/forms.ts';
import type { Ui } from '../ui/render.tsx';
import { ClosePage, HidePage, InvitePage } from './question-forms.pages.tsx';
import { loadReadableQuestion } from './questions.access.ts';
import { createForbiddenError } from './questions.errors.ts';
import { canClose, canModerate } from './questions.policies.ts';
import { communityQuestionsPath, questionPath } from './questions.paths.ts';
import { CloseInput, HideInput, InviteToAnswerInput, duplicateFormInput } from './questions.schemas.ts';
import { closeAsDuplicate, deleteQuestion, inviteToAnswer, prepareInvite, reopenQuestion, setQuestionHidden } from './moderation.usecases.ts';
import { idOf } from './questions.http.ts';

const searchOf = (request: FastifyRequest) => {
  const q = (request.query as Record<string, unknown>).q;
  return typeof q === 'string' ? q.replace(/[\u0000-\u001f]/g, '').trim().slice(0, 100) : '';
};

/** Deleting, hiding, closing as duplicate, reopening and inviting colleagues, as pages and form posts. */
export function moderationRoutes(deps: Deps, ui: Ui) {
  return async function moderation(app: FastifyInstance) {
    app.post('/vragen/:id/verwijderen', async (request, reply) => {
      // Signed in first: an anonymous visitor gets the log-in page, not a confirmation.
      const actor = requireActor(request);
      const asked = ui.confirm(request, reply, request.t('questions.delete.confirm_question'));
      if (asked) return asked;
      const { communitySlug } = await deleteQuestion(deps, actor, idOf(request));
      return redirectWithNotice(reply, deps.config, communityQuestionsPath(communitySlug), 'questions.notice.deleted');
    });

    /** The form pages check the rule first, so nobody fills in a form that will be refused. */
    const assertMay = async (request: FastifyRequest, rule: typeof canClose) => {
      const actor = requireActor(request);
      const { question, community } = await loadReadableQuestion(deps.db, actor, idOf(request));
      if (!rule(actor, community, question)) throw createForbiddenError();
    };

    const renderHide = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
      await assertMay(request, (actor, community) => canModerate(actor, community));
      return ui.send(reply, <HidePage ctx={ui.context(request)} action={questionPath(idOf(request), '/verbergen')} back={questionPath(idOf(request))} form={form} />, status);
    };
    app.get('/vragen/:id/verbergen', (request, reply) => renderHide(request, reply, emptyForm()));
    app.post('/vragen/:id/verbergen', async (request, reply) => {
      const result = await runForm(request, () => setQuestionHidden(deps, requireActor(request), idOf(request), parseInput(HideInput, request.body)));
      if (!result.ok) return renderHide(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps.config, questionPath(idOf(request)), 'questions.notice.hidden');
    });
    app.post('/vragen/:id/tonen', async (request, reply) => {
      await setQuestionHidden(deps, requireActor(request), idOf(request), null);
      return redirectWithNotice(reply, deps.config, questionPath(idOf(request)), 'questions.notice.unhidden');
    });

    const renderClose = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
      await assertMay(request, canClose);
      return ui.send(reply, <ClosePage ctx={ui.context(request)} questionId={idOf(request)} form={form} />, status);
    };
    app.get('/vragen/:id/sluiten', (request, reply) => renderClose(request, reply, emptyForm()));
    app.post('/vragen/:id/sluiten', async (request, reply) => {
      const result = await runForm(request, () => closeAsDuplicate(deps, requireActor(request), idOf(request), parseInput(CloseInput, duplicateFormInput(request.body))));
      if (!result.ok) return renderClose(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps.config, questionPath(idOf(request)), 'questions.notice.closed');
    });
    app.post('/vragen/:id/heropenen', async (request, reply) => {
      await reopenQuestion(deps, requireActor(request), idOf(request));
      return redirectWithNotice(reply, deps.config, questionPath(idOf(request)), 'questions.notice.reopened');
    });

    const renderInvite = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
      const q = searchOf(request);
      const { question, candidates } = await prepareInvite(deps, requireActor(request), idOf(request), q);
      return ui.send(reply, <InvitePage ctx={ui.context(request)} questionId={question.id} q={q} candidates={candidates} form={form} />, status);
    };
    app.get('/vragen/:id/uitnodigen', (request, reply) => renderInvite(request, reply, emptyForm()));
    app.post('/vragen/:id/uitnodigen', async (request, reply) => {
      const userIds = splitList((request.body as Record<string, unknown> | undefined)?.userIds);
      const result = await runForm(request, () => inviteToAnswer(deps, requireActor(request), idOf(request), parseInput(InviteToAnswerInput, { userIds })));
      if (!result.ok) return renderInvite(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps.config, questionPath(idOf(request)), 'questions.notice.invited');
    });
  };
}
