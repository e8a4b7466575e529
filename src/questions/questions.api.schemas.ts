import { Type, type TSchema } from 'typebox';
import { QuestionKindSchema, Uuid } from './questions.schemas.ts';

/** Response shapes of /api/v1 questions, answers and comments: serialisation and the OpenAPI document. */

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** Null when the author is a pseudonymous asker the caller may not know (or the account is gone). */
const Author = Nullable(Type.Object({ userId: Uuid, name: Type.String() }));
const Hidden = Nullable(Type.Object({ reason: Type.String() }));

export const CommentJson = Type.Object({ id: Uuid, author: Author, isAsker: Type.Boolean(), body: Type.String(), hidden: Hidden, createdAt: DateTime });

export const AnswerJson = Type.Object({
  id: Uuid,
  author: Author,
  isAsker: Type.Boolean(),
  body: Type.String({ description: 'Markdown' }),
  helpedCount: Type.Integer(),
  helpedByMe: Type.Boolean(),
  isAccepted: Type.Boolean(),
  hidden: Hidden,
  createdAt: DateTime,
  editedAt: Nullable(DateTime),
  comments: Type.Array(CommentJson),
});

export const QuestionSummaryJson = Type.Object({
  id: Uuid,
  community: Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() }),
  kind: QuestionKindSchema,
  title: Type.String(),
  tags: Type.Array(Type.String()),
  author: Author,
  isPseudonymous: Type.Boolean(),
  answerCount: Type.Integer(),
  helpedCount: Type.Integer(),
  isSolved: Type.Boolean(),
  isClosed: Type.Boolean(),
  createdAt: DateTime,
  lastActivityAt: DateTime,
});

export const QuestionJson = Type.Object({
  id: Uuid,
  community: Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() }),
  kind: QuestionKindSchema,
  title: Type.String(),
  body: Type.String({ description: 'Markdown' }),
  tags: Type.Array(Type.String()),
  learningQuestionId: Nullable(Uuid),
  author: Author,
  isPseudonymous: Type.Boolean(),
  acceptedAnswerId: Nullable(Uuid),
  duplicateOfId: Nullable(Uuid),
  closedAt: Nullable(DateTime),
  answerCount: Type.Integer(),
  helpedCount: Type.Integer(),
  hidden: Hidden,
  isFollowing: Type.Boolean(),
  createdAt: DateTime,
  editedAt: Nullable(DateTime),
  lastActivityAt: DateTime,
  comments: Type.Array(CommentJson),
  answers: Type.Object({ items: Type.Array(AnswerJson), page: Type.Integer(), pageSize: Type.Integer(), hasNext: Type.Boolean() }),
});

export const RevisionJson = Type.Object({
  id: Uuid,
  editor: Nullable(Type.Object({ name: Type.String() })),
  title: Nullable(Type.String()),
  body: Type.String(),
  tags: Nullable(Type.Array(Type.String())),
  createdAt: DateTime,
});

export const CreatedJson = Type.Object({ id: Uuid, questionId: Uuid });
export const HelpedJson = Type.Object({ helpedCount: Type.Integer(), helpedByMe: Type.Boolean() });
export const InvitedJson = Type.Object({ invited: Type.Integer() });
export const IdParams = Type.Object({ id: Uuid });
export const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })) });
export const PageOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), page: Type.Integer(), pageSize: Type.Integer(), hasNext: Type.Boolean() });
