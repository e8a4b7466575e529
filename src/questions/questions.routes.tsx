import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { requireActor } from '../platform/http/actor.ts';
import { redirectWithNotice } from '../platform/http/context.ts';
import { parsePageNumber } from '../platform/paging.ts';
import { parseInput } from '../platform/validation/validate.ts';
import { findSimilarQuestions } from '../search/search.usecases.ts';
import { emptyForm, type FormState } from '../ui/components.tsx';
import { runForm } from '../ui/forms.ts';
import type { Ui } from '../ui/render.tsx';
import { answersRoutes } from './answers/answers.routes.tsx';
import { commentsRoutes } from './comments/comments.routes.tsx';
import { moderationRoutes } from './moderation.routes.tsx';
import { QuestionPage } from './question.pages.tsx';
import { getQuestionView } from './question-view.usecases.ts';
import { EditQuestionPage, RevisionsPage } from './question-forms.pages.tsx';
import { questionsApiRoutes } from './questions.api.routes.ts';
import { PAGE_SIZE } from './questions.models.ts';
import { AskQuestionPage, MyQuestionsPage, QuestionsListPage } from './questions.pages.tsx';
import { questionPath } from './questions.paths.ts';
import { AskQuestionInput, EditQuestionInput, filterFromPageQuery, questionFormInput } from './questions.schemas.ts';
import { askQuestion, editQuestion, listMyQuestions, listQuestionRevisions, listQuestions, prepareAsk, prepareQuestionEdit, setFollowing } from './questions.usecases.ts';
import { idOf, slugOf } from './questions.http.ts';


/** Bevragen: asking, the lists and the question page. Answers, comments and moderation have their own routes. */
export function questionsRoutes(deps: Deps, ui: Ui) {
  return async function questions(app: FastifyInstance) {
    app.get('/gemeenschappen/:slug/vragen', async (request, reply) => {
      const filter = filterFromPageQuery(request.query);
      const result = await listQuestions(deps, requireActor(request), slugOf(request), filter);
      return ui.send(reply, <QuestionsListPage ctx={ui.context(request)} result={result} filter={filter} />);
    });

    const renderAsk = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200, similar?: Awaited<ReturnType<typeof findSimilarQuestions>>) => {
      const ask = await prepareAsk(deps, requireActor(request), slugOf(request));
      return ui.send(reply, <AskQuestionPage ctx={ui.context(request)} ask={ask} form={form} similar={similar} />, status);
    };

    app.get('/gemeenschappen/:slug/vragen/nieuw', (request, reply) => renderAsk(request, reply, emptyForm({ kind: 'how' })));

    app.post('/gemeenschappen/:slug/vragen', async (request, reply) => {
      const actor = requireActor(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      // Without JavaScript, "look for similar questions first" posts the form: show them, keep the text.
      if (body.preview === '1') {
        const ask = await prepareAsk(deps, actor, slugOf(request));
        // Only a probe, never saved: control characters (a NUL fails in PostgreSQL) become spaces.
        const title = typeof body.title === 'string' ? body.title.replace(/[\u0000-\u001f]/g, ' ').slice(0, 200) : '';
        const similar = await findSimilarQuestions(deps, actor, { communityId: ask.communityId, title });
        return renderAsk(request, reply, { values: body, errors: [] }, 200, similar);
      }
      const result = await runForm(request, () => askQuestion(deps, actor, slugOf(request), parseInput(AskQuestionInput, questionFormInput(body))));
      if (!result.ok) return renderAsk(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps.config, questionPath(result.value.id), 'questions.notice.asked');
    });

    app.get('/vragen', async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const list = query.lijst === 'mijn' ? 'mine' : 'answerable';
      const result = await listMyQuestions(deps, requireActor(request), list, { page: parsePageNumber(query.pagina), pageSize: PAGE_SIZE });
      return ui.send(reply, <MyQuestionsPage ctx={ui.context(request)} list={list} {...result} />);
    });

    app.get('/vragen/:id', async (request, reply) => {
      const view = await getQuestionView(deps, requireActor(request), idOf(request), parsePageNumber((request.query as Record<string, unknown>).pagina));
      return ui.send(reply, <QuestionPage ctx={ui.context(request)} view={view} />);
    });

    const renderEdit = async (request: FastifyRequest, reply: FastifyReply, form: FormState | undefined, status = 200) => {
      const question = await prepareQuestionEdit(deps, requireActor(request), idOf(request));
      const values = { kind: question.kind, title: question.title, body: question.body, tags: question.tags };
      return ui.send(reply, <EditQuestionPage ctx={ui.context(request)} questionId={question.id} form={form ?? emptyForm(values)} />, status);
    };

    app.get('/vragen/:id/bewerken', (request, reply) => renderEdit(request, reply, undefined));

    app.post('/vragen/:id/bewerken', async (request, reply) => {
      const result = await runForm(request, () => editQuestion(deps, requireActor(request), idOf(request), parseInput(EditQuestionInput, questionFormInput(request.body))));
      if (!result.ok) return renderEdit(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps.config, questionPath(idOf(request)), 'questions.notice.edited');
    });

    app.get('/vragen/:id/versies', async (request, reply) => {
      const { context, revisions } = await listQuestionRevisions(deps, requireActor(request), idOf(request));
      return ui.send(reply, <RevisionsPage ctx={ui.context(request)} questionId={context.question.id} title={context.question.title} isAnswer={false} revisions={revisions} />);
    });

    for (const [path, follow] of [['/vragen/:id/volgen', true], ['/vragen/:id/ontvolgen', false]] as const) {
      app.post(path, async (request, reply) => {
        await setFollowing(deps, requireActor(request), idOf(request), follow);
        return redirectWithNotice(reply, deps.config, questionPath(idOf(request)), follow ? 'questions.notice.followed' : 'questions.notice.unfollowed');
      });
    }

    await app.register(moderationRoutes(deps, ui));
    await app.register(answersRoutes(deps, ui));
    await app.register(commentsRoutes(deps, ui));
    await app.register(questionsApiRoutes(deps));
  };
}
