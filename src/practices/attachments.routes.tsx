import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../platform/deps.ts';
import { isAppError } from '../platform/errors.ts';
import { requireActor } from '../platform/http/actor.ts';
import { redirectWithNotice } from '../platform/http/context.ts';
import { FILE_DOWNLOAD_ROUTE, sendStoredFile } from '../platform/files/download.ts';
import { megabytes } from '../platform/files/files.errors.ts';
import { multipartForms, uploadedFiles } from '../platform/files/multipart.ts';
import { parseInput } from '../platform/validation/validate.ts';
import { emptyForm, type FormState } from '../ui/components.tsx';
import { formValues, runForm } from '../ui/forms.ts';
import type { Ui } from '../ui/render.tsx';
import { addAttachments, deleteAttachment, getAttachmentForDownload, prepareAttachments, withAttachments } from './attachments.usecases.ts';
import { IdParams } from './practices.api.schemas.ts';
import { idOf, slugOf } from './practices.http.ts';
import { AddAttachmentsPage, SharePracticePage, type UploadLimits } from './practices.pages.tsx';
import { practicePath } from './practices.paths.ts';
import { SharePracticeInput, practiceFormInput } from './practices.schemas.ts';
import { prepareShare, sharePractice } from './practices.usecases.ts';

/**
 * Everything that takes files: sharing a story (the form has a file input) and adding files
 * later, plus downloading and removing them. Multipart parsing is registered in this scope only.
 */
export function attachmentsRoutes(deps: Deps, ui: Ui) {
  const limits: UploadLimits = { maxMegabytes: megabytes(deps.config.attachmentMaxBytes), maxFiles: deps.config.attachmentMaxFiles };
  return async function attachments(app: FastifyInstance) {
    // Every route here is for signed-in people: 401 before anything else, and before an upload is read.
    app.addHook('onRequest', async (request) => void requireActor(request));
    await app.register(multipartForms, { maxFileBytes: deps.config.attachmentMaxBytes, maxFiles: deps.config.attachmentMaxFiles });

    const renderShare = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
      const share = await prepareShare(deps, requireActor(request), slugOf(request));
      return ui.send(reply, <SharePracticePage ctx={ui.context(request)} share={share} form={form} limits={limits} />, status);
    };
    const renderAdd = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
      const practice = await prepareAttachments(deps, requireActor(request), idOf(request));
      return ui.send(reply, <AddAttachmentsPage ctx={ui.context(request)} practiceId={practice.id} practiceTitle={practice.title} form={form} limits={limits} />, status);
    };

    // A file over the limit stops the upload before the handler runs: the form comes back with
    // the message and the text typed so far (the file input is the form's last field).
    app.setErrorHandler(async (error: FastifyError, request, reply) => {
      const isFormPost = request.method === 'POST' && !request.url.startsWith('/api/') && isAppError(error) && error.status === 413 && error.fields.length > 0;
      if (!isFormPost || !request.actor) throw error;
      const form = { values: formValues(request.body), errors: error.fields };
      const route = request.routeOptions.url;
      if (route === '/gemeenschappen/:slug/praktijk') return renderShare(request, reply, form, 413);
      if (route === '/praktijk/:id/bijlagen') return renderAdd(request, reply, form, 413);
      throw error;
    });

    app.get('/gemeenschappen/:slug/praktijk/nieuw', (request, reply) => renderShare(request, reply, emptyForm()));

    app.post('/gemeenschappen/:slug/praktijk', async (request, reply) => {
      const actor = requireActor(request);
      const result = await runForm(request, async () => {
        const input = parseInput(SharePracticeInput, practiceFormInput(request.body));
        // The rules first: nobody makes the server inspect and store files for a community they may not share in.
        await prepareShare(deps, actor, slugOf(request));
        return withAttachments(deps, actor, uploadedFiles(request.body, 'files'), (attach) => sharePractice(deps, actor, slugOf(request), input, attach));
      });
      if (!result.ok) return renderShare(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps.config, practicePath(result.value.id), 'practices.notice.shared');
    });

    app.get('/praktijk/:id/bijlagen', (request, reply) => renderAdd(request, reply, emptyForm()));
    app.post('/praktijk/:id/bijlagen', async (request, reply) => {
      const result = await runForm(request, () => addAttachments(deps, requireActor(request), idOf(request), uploadedFiles(request.body, 'files')));
      if (!result.ok) return renderAdd(request, reply, result.form, result.status);
      return redirectWithNotice(reply, deps.config, practicePath(idOf(request), '#attachments-heading'), 'practices.notice.attachments_added');
    });

    app.get('/bijlagen/:id', FILE_DOWNLOAD_ROUTE, async (request, reply) => {
      const file = await getAttachmentForDownload(deps, requireActor(request), idOf(request));
      return sendStoredFile(reply, deps.files, file);
    });
    // Images shown in the story page: inline, still with the sandboxing headers.
    app.get('/bijlagen/:id/voorbeeld', FILE_DOWNLOAD_ROUTE, async (request, reply) => {
      const file = await getAttachmentForDownload(deps, requireActor(request), idOf(request));
      return sendStoredFile(reply, deps.files, file, { inline: true });
    });

    app.post('/bijlagen/:id/verwijderen', async (request, reply) => {
      const actor = requireActor(request);
      const asked = ui.confirm(request, reply, request.t('practices.attachments.delete.confirm'));
      if (asked) return asked;
      const { practiceId } = await deleteAttachment(deps, actor, idOf(request));
      return redirectWithNotice(reply, deps.config, practicePath(practiceId, '#attachments-heading'), 'practices.notice.attachment_deleted');
    });

    // The API: the same use cases; an upload is multipart/form-data with one or more `files` parts.
    const api = { tags: ['practices'], params: IdParams };
    app.post('/api/v1/practices/:id/attachments', { schema: { ...api, consumes: ['multipart/form-data'], response: { 204: Type.Null() } } }, async (request, reply) => {
      await addAttachments(deps, requireActor(request), idOf(request), uploadedFiles(request.body, 'files'));
      return reply.status(204).send();
    });
    app.get('/api/v1/attachments/:id', { ...FILE_DOWNLOAD_ROUTE, schema: { ...api, produces: ['application/octet-stream'] } }, async (request, reply) => {
      const file = await getAttachmentForDownload(deps, requireActor(request), idOf(request));
      return sendStoredFile(reply, deps.files, file);
    });
    app.delete('/api/v1/attachments/:id', { schema: { ...api, response: { 204: Type.Null() } } }, async (request, reply) => {
      await deleteAttachment(deps, requireActor(request), idOf(request));
      return reply.status(204).send();
    });
  };
}
