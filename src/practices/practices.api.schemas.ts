import { Type, type TSchema } from 'typebox';
import { CommentKindSchema, TryResultSchema, Uuid } from './practices.schemas.ts';

/** Response shapes of /api/v1 practice stories: serialisation and the OpenAPI document. */

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T, description?: string) => Type.Union([schema, Type.Null()], description ? { description } : {});
const Author = Nullable(Type.Object({ userId: Uuid, name: Type.String() }));
const Hidden = Nullable(Type.Object({ reason: Type.String() }));
const CommunityRef = Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() });

export const PracticeSummaryJson = Type.Object({
  id: Uuid,
  community: Nullable(Type.Object({ id: Uuid, name: Type.String() }), 'The community it was shared in; null when the caller may not see that one'),
  title: Type.String(),
  situation: Type.String({ description: 'Markdown, the first 400 characters' }),
  tags: Type.Array(Type.String()),
  authorName: Nullable(Type.String()),
  recognisedCount: Type.Integer(),
  willTryCount: Type.Integer(),
  triedCount: Type.Integer(),
  commentCount: Type.Integer(),
  createdAt: DateTime,
});

export const RemarkJson = Type.Object({ id: Uuid, kind: CommentKindSchema, communityId: Uuid, author: Author, body: Type.String(), hidden: Hidden, createdAt: DateTime });

export const TryJson = Type.Object({
  id: Uuid,
  parentId: Nullable(Uuid),
  communityId: Uuid,
  author: Author,
  organisation: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  team: Type.String(),
  result: TryResultSchema,
  adapted: Type.String(),
  howItWent: Type.String(),
  hidden: Hidden,
  createdAt: DateTime,
});

export const AttachmentJson = Type.Object({
  id: Uuid,
  fileName: Type.String(),
  contentType: Type.String({ description: 'Sniffed from the content' }),
  byteSize: Type.Integer(),
  isImage: Type.Boolean(),
  url: Type.String({ description: 'Download URL (session cookie or bearer token)' }),
  createdAt: DateTime,
});

export const PracticeJson = Type.Object({
  id: Uuid,
  community: Nullable(CommunityRef, 'The community it was shared in; null when the caller reads it through another community and may not see that one'),
  sharedIn: Type.Array(CommunityRef, { description: 'Other communities it is shown in that the caller may see' }),
  title: Type.String(),
  situation: Type.String({ description: 'Markdown' }),
  action: Type.String({ description: 'Markdown' }),
  outcome: Type.String({ description: 'Markdown' }),
  learning: Type.String({ description: 'Markdown' }),
  tags: Type.Array(Type.String()),
  learningQuestionId: Nullable(Uuid),
  author: Author,
  recognisedCount: Type.Integer(),
  willTryCount: Type.Integer(),
  triedCount: Type.Integer(),
  myReactions: Type.Array(Type.Union([Type.Literal('recognise'), Type.Literal('will_try')])),
  trailSummary: Type.Object({ reports: Type.Integer(), teams: Type.Integer(), organisations: Type.Integer() }),
  tries: Type.Array(TryJson, { description: 'The trail, oldest first; parentId makes it a tree' }),
  comments: Type.Array(RemarkJson, { description: 'Remarks and alternative approaches, oldest first' }),
  attachments: Type.Array(AttachmentJson),
  hidden: Hidden,
  createdAt: DateTime,
  editedAt: Nullable(DateTime),
});

export const CreatedJson = Type.Object({ id: Uuid });
export const IdParams = Type.Object({ id: Uuid });
export const PageOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), page: Type.Integer(), pageSize: Type.Integer(), hasNext: Type.Boolean() });
