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
import { HidePage } from '../question-forms.pages.tsx';
import { answerPath, commentPath, questionPath } from '../questions.paths.ts';
import { CommentInput, HideInput } from '../questions.schemas.ts';
import { findAnswerQuestionId } from '../answers/answers.usecases.ts';
import { deleteComment, prepareCommentHide, postComment, setCommentHidden } from './comments.usecases.ts';
import { idOf } from '../questions.http.ts';

const bodyOf = (request: FastifyRequest) => ({ body: (request.body as Record<string, unknown> | undefined)?.body ?? '' });

/** Comments under a question or an answer; a failed comment re-renders the question page with the message. */
export function commentsRoutes(deps: Deps, ui: Ui) {
  return async function comments(app: FastifyInstance) {
    const post = (on: (request: FastifyRequest) => { questionId: string } | { answerId: string }, questionIdOf: (request: FastifyRequest) => Promise<string>, action: (request: FastifyRequest) => string) =>
      async (request: FastifyRequest, reply: FastifyReply) => {
        const actor = requireActor(request);
        const result = await runForm(request, () => postComment(deps, actor, on(request), parseInput(CommentInput, bodyOf(request))));
        if (!result.ok) {
          const view = await getQuestionView(deps, actor, await questionIdOf(request), 1);
          return ui.send(reply, <QuestionPage ctx={ui.context(request)} view={view} commentForm={{ action: action(request), form: result.form }} />, result.status);
        }
        return redirectWithNotice(reply, deps.config, `${questionPath(result.value.questionId)}#reactie-${result.value.id}`, 'questions.notice.commented');
      };
    app.post('/vragen/:id/reacties', post((request) => ({ questionId: idOf(request) }), async (request) => idOf(request), (request) => questionPath(idOf(request), '/reacties')));
    app.post('/antwoorden/:id/reacties', post((request) => ({ answerId: idOf(request) }), (request) => findAnswerQuestionId(deps, requireActor(request), idOf(request)), (request) => answerPath(idOf(request), '/reacties')));

    app.post('/reacties/:id/verwijderen', async (request, reply) => {
      const actor = requireActor(request);
      const asked = ui.confirm(request, reply, request.t('questions.delete.confirm_comment'));
      if (asked) return asked;
      const { questionId } = await deleteComment(deps, actor, idOf(request));
      return redirectWithNotice(reply, deps.config, questionPath(questionId), 'questions.notice.deleted');
    });

    const renderHide = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
      const { questionId } = await prepareCommentHide(deps, requireActor(request), idOf(request));
      return ui.send(reply, <HidePage ctx={ui.context(request)} action={commentPath(idOf(request), '/verbergen')} back={questionPath(questionId)} form={form} />, status);
    };
    app.get('/reacties/:id/verbergen', (request, reply) => renderHide(request, reply, emptyForm()));
    app.post('/reacties/:id/verbergen', async (request, reply) => {
      const result = await runForm(request, () => setCommentHidden(deps, requireActor(request), idOf(request), parseInput(HideInput, request.body)));
      if (!result.ok) return renderHide(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps.config, questionPath(result.value.questionId), 'questions.notice.hidden');
    });
    app.post('/reacties/:id/tonen', async (request, reply) => {
      const { questionId } = await setCommentHidden(deps, requireActor(request), idOf(request), null);
      return redirectWithNotice(reply, deps.config, questionPath(questionId), 'questions.notice.unhidden');
    });
  };
}
