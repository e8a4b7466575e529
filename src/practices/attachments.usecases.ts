import type { Actor } from '../platform/auth/actor.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, rethrowNotFoundAs } from '../platform/errors.ts';
import { inTransaction } from '../platform/events/events.ts';
import { inspectUpload } from '../platform/files/inspect.ts';
import type { UploadedFile } from '../platform/files/multipart.ts';
import type { StoredFileInfo } from '../platform/files/download.ts';
import { loadReadablePractice } from './practices.access.ts';
import { createForbiddenError } from './practices.errors.ts';
import { canEditPractice, canModeratePractice } from './practices.policies.ts';
import * as repo from './practices.repository.ts';
import type { PracticeRow } from './practices.repository.ts';

/**
 * Attachments of a story. Every file is inspected first (type sniffed, images re-encoded without
 * metadata); only when all pass are the bytes stored, and the rows written in the story's
 * transaction. Should that transaction fail, the stored bytes are removed again, so neither
 * half is left behind.
 */

type WriteDeps = Pick<Deps, 'db' | 'events' | 'ids' | 'clock' | 'files' | 'logger'>;

/** A story holds at most this many files, over all uploads. */
export const MAX_ATTACHMENTS_PER_PRACTICE = 10;

export const createAttachmentNotFoundError = () => new AppError('practices.attachment_not_found', 404);
const createTooManyAttachmentsError = () =>
  new AppError('practices.too_many_files', 422, { fields: [{ field: 'files', code: 'practices.too_many_files', params: { max: MAX_ATTACHMENTS_PER_PRACTICE } }] });

interface StoredUpload {
  id: string;
  storageKey: string;
  fileName: string;
  contentType: string;
  byteSize: number;
  isImage: boolean;
}

/** Inspects every file, then stores them all; on any failure nothing stays in the store. */
async function storeUploads(deps: WriteDeps, files: readonly UploadedFile[]): Promise<StoredUpload[]> {
  const inspected = [];
  for (const file of files) inspected.push(await inspectUpload({ path: file.path, declaredName: file.declaredName, field: 'files' }));
  const stored: StoredUpload[] = [];
  try {
    for (const file of inspected) {
      const id = deps.ids.uuid();
      const storageKey = `practices/${id}`;
      await deps.files.put(storageKey, file.path, file.contentType);
      stored.push({ id, storageKey, fileName: file.fileName, contentType: file.contentType, byteSize: file.byteSize, isImage: file.isImage });
    }
  } catch (error) {
    await removeStored(deps, stored);
    throw error;
  }
  return stored;
}

async function removeStored(deps: Pick<WriteDeps, 'files' | 'logger'>, stored: readonly { storageKey: string }[]): Promise<void> {
  for (const file of stored) {
    // A file left behind only costs space; the failure that brought us here is what the user hears.
    await deps.files.delete(file.storageKey).catch((error: unknown) => deps.logger.error({ err: error, key: file.storageKey }, 'could not remove a stored attachment'));
  }
}

async function insertRows(db: DbOrTx, practiceId: string, actor: Actor, stored: readonly StoredUpload[], now: Date): Promise<void> {
  if ((await repo.countAttachments(db, practiceId)) + stored.length > MAX_ATTACHMENTS_PER_PRACTICE) throw createTooManyAttachmentsError();
  for (const file of stored) await repo.insertAttachment(db, { ...file, practiceId, uploaderId: actor.userId, now });
}

/**
 * Runs `write` (a transaction that creates or changes a story) with the files stored first and
 * their rows written through the callback it receives; undoes the storing if `write` fails.
 */
export async function withAttachments<T>(deps: WriteDeps, actor: Actor, files: readonly UploadedFile[], write: (attach: (tx: DbOrTx, practiceId: string) => Promise<void>) => Promise<T>): Promise<T> {
  if (files.length > MAX_ATTACHMENTS_PER_PRACTICE) throw createTooManyAttachmentsError();
  const stored = files.length > 0 ? await storeUploads(deps, files) : [];
  try {
    return await write((tx, practiceId) => insertRows(tx, practiceId, actor, stored, deps.clock.now()));
  } catch (error) {
    await removeStored(deps, stored);
    throw error;
  }
}

/** The author adds files to their story later. */
export async function addAttachments(deps: WriteDeps, actor: Actor, practiceId: string, files: readonly UploadedFile[]): Promise<void> {
  // The rules first (again inside the transaction): files are only inspected and stored for the story's author.
  await prepareAttachments(deps, actor, practiceId);
  await withAttachments(deps, actor, files, (attach) =>
    inTransaction(deps.db, deps.events, async (tx, emit) => {
      const context = await loadReadablePractice(tx, actor, practiceId, { lock: true });
      if (!canEditPractice(actor, context, context.practice)) throw createForbiddenError();
      if (files.length === 0) throw new AppError('validation.required', 422, { fields: [{ field: 'files', code: 'validation.required' }] });
      await attach(tx, practiceId);
      emit('practice.attachments_added', { practiceId, communityId: context.home.id, actorId: actor.userId, count: files.length });
    }),
  );
}

/** What the attachments page needs: the story, for its author. */
export async function prepareAttachments(deps: Pick<Deps, 'db'>, actor: Actor, practiceId: string): Promise<PracticeRow> {
  const context = await loadReadablePractice(deps.db, actor, practiceId);
  if (!canEditPractice(actor, context, context.practice)) throw createForbiddenError();
  return context.practice;
}

async function loadAttachment(db: DbOrTx, actor: Actor, attachmentId: string, options: { lock?: boolean } = {}) {
  const attachment = await repo.findAttachment(db, attachmentId);
  if (!attachment) throw createAttachmentNotFoundError();
  const context = await loadReadablePractice(db, actor, attachment.practiceId, options).catch(rethrowNotFoundAs(createAttachmentNotFoundError));
  return { attachment, context };
}

/** A download: only for whoever may read the story, exactly as the page. */
export async function getAttachmentForDownload(deps: Pick<Deps, 'db'>, actor: Actor, attachmentId: string): Promise<StoredFileInfo & { isImage: boolean }> {
  const { attachment } = await loadAttachment(deps.db, actor, attachmentId);
  return { key: attachment.storageKey, fileName: attachment.fileName, contentType: attachment.contentType, byteSize: attachment.byteSize, isImage: attachment.isImage };
}

/** The author (or a moderator of the story) removes a file: the row in a transaction, then the bytes. */
export async function deleteAttachment(deps: WriteDeps, actor: Actor, attachmentId: string): Promise<{ practiceId: string }> {
  const attachment = await inTransaction(deps.db, deps.events, async (tx, emit) => {
    const { attachment, context } = await loadAttachment(tx, actor, attachmentId, { lock: true });
    if (!canEditPractice(actor, context, context.practice) && !canModeratePractice(actor, context)) throw createForbiddenError();
    await repo.deleteAttachment(tx, attachment.id);
    emit('practice.attachment_deleted', { practiceId: attachment.practiceId, attachmentId: attachment.id, actorId: actor.userId });
    return attachment;
  });
  await removeStored(deps, [attachment]);
  return { practiceId: attachment.practiceId };
}
