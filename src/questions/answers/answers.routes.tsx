import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http/actor.ts';
import { redirectWithNotice } from '../../platform/http/context.ts';
import { parseInput } from '../../platform/validation/validate.ts';
import { emptyForm, type FormState } from '../../ui/components.tsx';
import { runForm } from '../../ui/forms.ts';
import type { Ui } from '../../ui/render.tsx';
import { QuestionPage } from '../question.pages.tsx';
import { getQuestionView } from '../question-view.usecases.ts';
import { EditAnswerPage, HidePage, RevisionsPage } from '../question-forms.pages.tsx';
import { createForbiddenError } from '../questions.errors.ts';
import { canModerate } from '../questions.policies.ts';
import { answerAnchor, answerPath, questionPath } from '../questions.paths.ts';
import { AcceptInput, AnswerInput, HideInput } from '../questions.schemas.ts';
import { deleteAnswer, editAnswer, listAnswerRevisions, loadReadableAnswer, postAnswer, prepareAnswerEdit, setAcceptedAnswer, setAnswerHidden, setHelped } from './answers.usecases.ts';
import { idOf } from '../questions.http.ts';

const field = (request: FastifyRequest, name: string) => (request.body as Record<string, unknown> | undefined)?.[name];

/** Answering, "this helped", accepting, and editing, hiding and deleting answers. */
export function answersRoutes(deps: Deps, ui: Ui) {
  return async function answers(app: FastifyInstance) {
    app.post('/vragen/:id/antwoorden', async (request, reply) => {
      const actor = requireActor(request);
      const result = await runForm(request, () => postAnswer(deps, actor, idOf(request), parseInput(AnswerInput, { body: field(request, 'body') ?? '' })));
      if (!result.ok) {
        const view = await getQuestionView(deps, actor, idOf(request), 1);
        return ui.send(reply, <QuestionPage ctx={ui.context(request)} view={view} answerForm={result.form} />, result.status);
      }
      return redirectWithNotice(reply, deps.config, answerAnchor(result.value.questionId, result.value.id), 'questions.notice.answered');
    });

    app.post('/vragen/:id/oplossing', async (request, reply) => {
      const answerId = field(request, 'answerId');
      const chosen = answerId === '' || answerId === undefined ? null : parseInput(AcceptInput, { answerId }).answerId;
      await setAcceptedAnswer(deps, requireActor(request), idOf(request), chosen);
      return redirectWithNotice(reply, deps.config, questionPath(idOf(request)), chosen ? 'questions.notice.accepted' : 'questions.notice.unaccepted');
    });

    app.get('/antwoorden/:id', async (request, reply) => {
      const { answer } = await loadReadableAnswer(deps.db, requireActor(request), idOf(request));
      return reply.redirect(answerAnchor(answer.questionId, answer.id), 303);
    });

    app.post('/antwoorden/:id/geholpen', async (request, reply) => {
      const helped = field(request, 'helped') !== 'false';
      const { questionId } = await setHelped(deps, requireActor(request), idOf(request), helped);
      return redirectWithNotice(reply, deps.config, answerAnchor(questionId, idOf(request)), helped ? 'questions.notice.helped' : 'questions.notice.unhelped');
    });

    const renderEdit = async (request: FastifyRequest, reply: FastifyReply, form: FormState | undefined, status = 200) => {
      const { answer, context } = await prepareAnswerEdit(deps, requireActor(request), idOf(request));
      return ui.send(reply, <EditAnswerPage ctx={ui.context(request)} action={answerPath(answer.id, '/bewerken')} questionId={context.question.id} form={form ?? emptyForm({ body: answer.body })} />, status);
    };
    app.get('/antwoorden/:id/bewerken', (request, reply) => renderEdit(request, reply, undefined));
    app.post('/antwoorden/:id/bewerken', async (request, reply) => {
      const result = await runForm(request, () => editAnswer(deps, requireActor(request), idOf(request), parseInput(AnswerInput, { body: field(request, 'body') ?? '' })));
      if (!result.ok) return renderEdit(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps.config, answerAnchor(result.value.questionId, idOf(request)), 'questions.notice.edited');
    });

    app.get('/antwoorden/:id/versies', async (request, reply) => {
      const { context, revisions } = await listAnswerRevisions(deps, requireActor(request), idOf(request));
      return ui.send(reply, <RevisionsPage ctx={ui.context(request)} questionId={context.question.id} title={context.question.title} isAnswer revisions={revisions} />);
    });

    app.post('/antwoorden/:id/verwijderen', async (request, reply) => {
      const actor = requireActor(request);
      const asked = ui.confirm(request, reply, request.t('questions.delete.confirm_answer'));
      if (asked) return asked;
      const { questionId } = await deleteAnswer(deps, actor, idOf(request));
      return redirectWithNotice(reply, deps.config, questionPath(questionId), 'questions.notice.deleted');
    });

    const renderHide = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
      const actor = requireActor(request);
      const { context } = await loadReadableAnswer(deps.db, actor, idOf(request));
      if (!canModerate(actor, context.community)) throw createForbiddenError();
      return ui.send(reply, <HidePage ctx={ui.context(request)} action={answerPath(idOf(request), '/verbergen')} back={answerAnchor(context.question.id, idOf(request))} form={form} />, status);
    };
    app.get('/antwoorden/:id/verbergen', (request, reply) => renderHide(request, reply, emptyForm()));
    app.post('/antwoorden/:id/verbergen', async (request, reply) => {
      const result = await runForm(request, () => setAnswerHidden(deps, requireActor(request), idOf(request), parseInput(HideInput, request.body)));
      if (!result.ok) return renderHide(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps.config, answerAnchor(result.value.questionId, idOf(request)), 'questions.notice.hidden');
    });
    app.post('/antwoorden/:id/tonen', async (request, reply) => {
      const { questionId } = await setAnswerHidden(deps, requireActor(request), idOf(request), null);
      return redirectWithNotice(reply, deps.config, answerAnchor(questionId, idOf(request)), 'questions.notice.unhidden');
    });
  };
}
