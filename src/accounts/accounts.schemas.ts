import { Type, type Static } from 'typebox';

export const Email = Type.String({ format: 'email', maxLength: 254, minLength: 3 });
export const Password = Type.String({ minLength: 1, maxLength: 1024 });

export const LogInInput = Type.Object({
  email: Email,
  password: Password,
});
export type LogInInput = Static<typeof LogInInput>;

export const LocaleInput = Type.Object({
  locale: Type.Union([Type.Literal('nl'), Type.Literal('en')]),
  next: Type.Optional(Type.String({ maxLength: 2000 })),
});
