import { Type, type Static } from 'typebox';
import { MAX_PAGE } from '../platform/paging.ts';
import { NO_NUL_PATTERN, splitList } from '../platform/validation/validate.ts';
import { MAX_POLL_OPTIONS } from './prompts.models.ts';

/** One schema per input, for the HTML forms and the JSON API alike. Flat, so every problem names its field. */

export const Uuid = Type.String({ format: 'uuid' });
const Text = (limits: { minLength?: number; maxLength: number }) => Type.String({ ...limits, pattern: NO_NUL_PATTERN });
const Days = Type.Integer({ minimum: 1, maximum: 3650 });
const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const LocalTime = Type.String({ pattern: '^\\d{2}:\\d{2}$' });

export const PROMPT_KINDS = ['reflection', 'try_this_week', 'poll', 'observation'] as const;
export const RESPONSE_MODES = ['text', 'choice', 'done'] as const;
export const VISIBILITIES = ['facilitators', 'community', 'anonymous'] as const;
export const SCHEDULE_KINDS = ['now', 'once', 'weekly'] as const;
export const WINDOW_UNITS = ['hours', 'days'] as const;
const oneOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));

/** Who it reaches within the community's active members. */
const audienceFields = {
  organisationIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })),
  jobTitle: Type.Optional(Text({ maxLength: 100 })),
  expertiseTag: Type.Optional(Text({ maxLength: 40 })),
  joinedWithinDays: Type.Optional(Days),
  inactiveForDays: Type.Optional(Days),
};

export const AudienceInput = Type.Object(audienceFields);
export type AudienceInput = Static<typeof AudienceInput>;

export const ComposePromptInput = Type.Object({
  kind: oneOf(PROMPT_KINDS),
  text: Text({ minLength: 1, maxLength: 2000 }),
  learningQuestionId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  responseMode: oneOf(RESPONSE_MODES),
  /** Fixed up front and shown to every recipient. */
  visibility: oneOf(VISIBILITIES),
  /** For a poll: 2–8 options. */
  pollOptions: Type.Optional(Type.Array(Text({ minLength: 1, maxLength: 200 }), { maxItems: MAX_POLL_OPTIONS })),
  ...audienceFields,
  scheduleKind: oneOf(SCHEDULE_KINDS),
  /** Europe/Amsterdam: YYYY-MM-DD and HH:MM; for weekly the first day, the weekday (1 = Monday) and the last day. */
  date: Type.Optional(LocalDate),
  time: Type.Optional(LocalTime),
  weekday: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 })),
  until: Type.Optional(LocalDate),
  /** How long answers are open: 1 hour to 30 days. */
  windowAmount: Type.Integer({ minimum: 1, maximum: 720 }),
  windowUnit: oneOf(WINDOW_UNITS),
  /** One reminder to those who have not answered, this many hours after delivery (less than the window). */
  reminderAfterHours: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 719 }), Type.Null()])),
});
export type ComposePromptInput = Static<typeof ComposePromptInput>;

export const RespondInput = Type.Object({
  /** The option's position, for polls. */
  choice: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: MAX_POLL_OPTIONS - 1 }), Type.Null()])),
  /** The answer, or the short report of "I did it"; a remark with a poll choice. */
  body: Type.Optional(Text({ maxLength: 5000 })),
  /** The sender may turn it into a practice story or a question (never for anonymous prompts). */
  mayReuse: Type.Optional(Type.Boolean()),
});
export type RespondInput = Static<typeof RespondInput>;

export const SettingsInput = Type.Object({
  promptEmail: Type.Optional(Type.Boolean()),
  /** No prompts until this moment; null ends a pause. */
  snoozedUntil: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
});
export type SettingsInput = Static<typeof SettingsInput>;

export const SNOOZE_PERIODS = ['1w', '2w', '1m', 'date'] as const;
export const SnoozeFormInput = Type.Object({ period: oneOf(SNOOZE_PERIODS), until: Type.Optional(LocalDate) });
export type SnoozeFormInput = Static<typeof SnoozeFormInput>;

/** The settings page's per-community button: no prompts from (or again from) this community. */
export const OptOutFormInput = Type.Object({ communityId: Uuid });

export const PagingQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type PagingQuery = Static<typeof PagingQuery>;

const dropEmpty = (values: Record<string, unknown>, keys: readonly string[]) => {
  for (const key of keys) if (values[key] === '' || values[key] === undefined) delete values[key];
};

/**
 * The compose form: poll options one per line, organisations as checkboxes, empty optional fields
 * left out. Fields of a schedule kind that was not chosen are dropped, so they cannot block it.
 */
export function composeFormInput(body: unknown): Record<string, unknown> {
  const form = { ...((body ?? {}) as Record<string, unknown>) };
  const values: Record<string, unknown> = { ...form, organisationIds: splitList(form.organisationIds) };
  values.pollOptions = typeof form.pollOptions === 'string' ? form.pollOptions.split(/\r?\n/).map((s) => s.trim()).filter(Boolean) : [];
  dropEmpty(values, ['jobTitle', 'expertiseTag', 'joinedWithinDays', 'inactiveForDays', 'date', 'time', 'weekday', 'until', 'reminderAfterHours']);
  if (values.learningQuestionId === '' || values.learningQuestionId === undefined) values.learningQuestionId = null;
  if (values.scheduleKind === 'now') for (const key of ['date', 'time', 'weekday', 'until']) delete values[key];
  if (values.scheduleKind === 'once') for (const key of ['weekday', 'until']) delete values[key];
  return values;
}

/** The answer form: the checkbox is present only when ticked. */
export function respondFormInput(body: unknown): Record<string, unknown> {
  const form = (body ?? {}) as Record<string, unknown>;
  const values: Record<string, unknown> = { body: form.body ?? '', mayReuse: form.mayReuse === 'on' || form.mayReuse === 'true' };
  if (form.choice !== undefined && form.choice !== '') values.choice = form.choice;
  return values;
}
