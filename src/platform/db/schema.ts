import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Kysely's view of the tables, kept in step with migrations/. The schema is shared ground:
 * each feature's repository touches only its own tables (see docs/architecture.md).
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type OrgRole = 'member' | 'manager' | 'admin';
export type UserStatus = 'pending' | 'active' | 'deactivated';
export type Locale = 'nl' | 'en';
export type CommunityVisibility = 'open' | 'closed' | 'secret';
export type CommunityRole = 'member' | 'facilitator';
export type MembershipStatus = 'active' | 'requested' | 'invited';

export interface OrganisationsTable {
  id: string;
  slug: string;
  name: string;
  kind: 'municipality' | 'partner';
  email_domains: ColumnType<string[], string[] | undefined, string[]>;
  allow_self_signup: ColumnType<boolean, boolean | undefined, boolean>;
  prompt_budget_per_week: ColumnType<number, number | undefined, number>;
  theme: ColumnType<Record<string, string>, string | undefined, string>;
  created_at: Timestamp;
}

export interface UsersTable {
  id: string;
  organisation_id: string;
  email: string;
  name: string;
  job_title: ColumnType<string, string | undefined, string>;
  bio: ColumnType<string, string | undefined, string>;
  expertise: ColumnType<string[], string[] | undefined, string[]>;
  locale: ColumnType<Locale, Locale | undefined, Locale>;
  password_hash: string | null;
  role: ColumnType<OrgRole, OrgRole | undefined, OrgRole>;
  is_platform_admin: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<UserStatus, UserStatus | undefined, UserStatus>;
  prompt_email: ColumnType<boolean, boolean | undefined, boolean>;
  prompts_snoozed_until: NullableTimestamp;
  digest_frequency: ColumnType<DigestFrequency, DigestFrequency | undefined, DigestFrequency>;
  email_bounced_at: NullableTimestamp;
  email_verified_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: Buffer;
  csrf_secret: string;
  user_agent: ColumnType<string, string | undefined, string>;
  ip: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface AccessTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: Buffer;
  scope: 'read' | 'read_write';
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface OneTimeTokensTable {
  id: string;
  user_id: string;
  purpose: 'verify_email' | 'reset_password';
  token_hash: Buffer;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface InvitationsTable {
  id: string;
  organisation_id: string;
  email: string;
  role: OrgRole;
  invited_by: string | null;
  token_hash: Buffer;
  locale: ColumnType<Locale, Locale | undefined, Locale>;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface CommunitiesTable {
  id: string;
  slug: string;
  name: string;
  purpose: ColumnType<string, string | undefined, string>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  visibility: CommunityVisibility;
  organisation_id: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  allow_pseudonymous_questions: ColumnType<boolean, boolean | undefined, boolean>;
  allow_practice_sharing: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CommunityPartnersTable {
  community_id: string;
  organisation_id: string;
}

export interface CommunityMembersTable {
  community_id: string;
  user_id: string;
  role: ColumnType<CommunityRole, CommunityRole | undefined, CommunityRole>;
  status: MembershipStatus;
  message: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  decided_at: NullableTimestamp;
  decided_by: string | null;
}

export type QuestionKind = 'what' | 'how';

interface ModeratedColumns {
  deleted_at: NullableTimestamp;
  hidden_at: NullableTimestamp;
  hidden_by: string | null;
  hidden_reason: string | null;
}

export interface QuestionsTable extends ModeratedColumns {
  id: string;
  community_id: string;
  author_id: string | null;
  kind: QuestionKind;
  title: string;
  body: string;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  learning_question_id: string | null;
  is_pseudonymous: ColumnType<boolean, boolean | undefined, boolean>;
  accepted_answer_id: string | null;
  duplicate_of_id: string | null;
  closed_at: NullableTimestamp;
  closed_by: string | null;
  answer_count: ColumnType<number, number | undefined, number>;
  helped_count: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  edited_at: NullableTimestamp;
  last_activity_at: Timestamp;
}

export interface AnswersTable extends ModeratedColumns {
  id: string;
  question_id: string;
  author_id: string | null;
  body: string;
  helped_count: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  edited_at: NullableTimestamp;
}

export interface CommentsTable extends ModeratedColumns {
  id: string;
  question_id: string;
  answer_id: string | null;
  author_id: string | null;
  body: string;
  created_at: Timestamp;
}

export interface RevisionsTable {
  id: string;
  question_id: string;
  answer_id: string | null;
  editor_id: string | null;
  title: string | null;
  body: string;
  tags: string[] | null;
  created_at: Timestamp;
}

export interface AnswerHelpedTable {
  answer_id: string;
  user_id: string;
  created_at: Timestamp;
}

export interface QuestionFollowsTable {
  question_id: string;
  user_id: string;
  created_at: Timestamp;
}

export interface AnswerInvitationsTable {
  question_id: string;
  invitee_id: string;
  invited_by: string | null;
  created_at: Timestamp;
}

export interface SearchDocumentsTable {
  id: string;
  kind: string;
  community_id: string;
  parent_id: string | null;
  title: string;
  body: string;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  question_kind: string | null;
  created_at: Timestamp;
  search: ColumnType<string, unknown, unknown>;
}

export interface SearchWordsTable {
  community_id: string;
  word: string;
  documents: number;
}

export interface SearchMissesTable {
  community_id: string;
  day: ColumnType<string, string, string>;
  query: string;
  count: number;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

export interface AuditLogTable {
  id: Generated<string>;
  organisation_id: string | null;
  actor_id: string | null;
  action: string;
  subject_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
}

/** Frameworks (kaders), migrations/0007: one per community, versioned. */
export interface FrameworksTable {
  id: string;
  community_id: string;
  created_at: Timestamp;
}

export type FrameworkVersionStatus = 'draft' | 'published';

export interface FrameworkVersionsTable {
  id: string;
  framework_id: string;
  number: number;
  status: FrameworkVersionStatus;
  purpose: ColumnType<string, string | undefined, string>;
  room: ColumnType<string, string | undefined, string>;
  constraints: ColumnType<string, string | undefined, string>;
  indicators: ColumnType<string, string | undefined, string>;
  /** A date column; the frameworks repository reads it as text ('YYYY-MM-DD'), never as a Date. */
  review_date: ColumnType<string | null, string | null | undefined, string | null>;
  change_note: ColumnType<string, string | undefined, string>;
  created_by: string | null;
  created_at: Timestamp;
  published_by: string | null;
  published_at: NullableTimestamp;
  review_reminded_at: NullableTimestamp;
}

export interface LearningQuestionsTable {
  id: string;
  framework_id: string;
  created_at: Timestamp;
}

export interface FrameworkVersionLearningQuestionsTable {
  version_id: string;
  learning_question_id: string;
  position: number;
  kind: QuestionKind;
  text: string;
  explanation: ColumnType<string, string | undefined, string>;
}

/** Member responses to a framework version, migrations/0008. author_id never leaves the use case for unsigned rows. */
export type FrameworkResponseTarget = 'purpose' | 'room' | 'constraints' | 'indicators' | 'learning_question';
export type FrameworkResponseKind = 'comment' | 'unclear' | 'proposal';
export type FrameworkResponseStatus = 'open' | 'answered' | 'adopted';

export interface FrameworkResponsesTable {
  id: string;
  framework_id: string;
  version_id: string;
  target: FrameworkResponseTarget;
  learning_question_id: string | null;
  kind: FrameworkResponseKind;
  body: ColumnType<string, string | undefined, string>;
  signed: ColumnType<boolean, boolean | undefined, boolean>;
  author_id: string | null;
  status: ColumnType<FrameworkResponseStatus, FrameworkResponseStatus | undefined, FrameworkResponseStatus>;
  reply: ColumnType<string, string | undefined, string>;
  replied_by: string | null;
  replied_at: NullableTimestamp;
  credit_proposer: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
}

export type PracticeReactionKind = 'recognise' | 'will_try';
export type PracticeCommentKind = 'comment' | 'alternative';
export type PracticeTryResult = 'worked' | 'partly' | 'not_yet';
export type VisitStatus = 'awaiting_host' | 'awaiting_requester' | 'accepted' | 'declined' | 'cancelled';

export interface PracticesTable extends ModeratedColumns {
  id: string;
  community_id: string;
  author_id: string | null;
  title: string;
  situation: string;
  action: string;
  outcome: ColumnType<string, string | undefined, string>;
  learning: ColumnType<string, string | undefined, string>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  learning_question_id: string | null;
  recognised_count: ColumnType<number, number | undefined, number>;
  will_try_count: ColumnType<number, number | undefined, number>;
  tried_count: ColumnType<number, number | undefined, number>;
  comment_count: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  edited_at: NullableTimestamp;
  last_activity_at: Timestamp;
}

export interface PracticeSharesTable {
  id: string;
  practice_id: string;
  community_id: string;
  shared_by: string | null;
  created_at: Timestamp;
}

export interface PracticeReactionsTable {
  practice_id: string;
  user_id: string;
  kind: PracticeReactionKind;
  created_at: Timestamp;
}

export interface PracticeCommentsTable extends ModeratedColumns {
  id: string;
  practice_id: string;
  community_id: string;
  kind: PracticeCommentKind;
  author_id: string | null;
  body: string;
  created_at: Timestamp;
  edited_at: NullableTimestamp;
}

export interface PracticeTriesTable extends ModeratedColumns {
  id: string;
  practice_id: string;
  parent_id: string | null;
  depth: number;
  community_id: string;
  author_id: string | null;
  organisation_id: string | null;
  team: string;
  result: PracticeTryResult;
  adapted: string;
  how_it_went: string;
  created_at: Timestamp;
}

export interface PracticeAttachmentsTable {
  id: string;
  practice_id: string;
  uploader_id: string | null;
  file_name: string;
  content_type: string;
  byte_size: number;
  storage_key: string;
  is_image: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
}

export interface VisitRequestsTable {
  id: string;
  practice_id: string;
  requester_id: string;
  host_id: string;
  starts_at: Timestamp;
  duration_minutes: number;
  message: ColumnType<string, string | undefined, string>;
  status: VisitStatus;
  sequence: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type PromptKind = 'reflection' | 'try_this_week' | 'poll' | 'observation';
export type PromptResponseMode = 'text' | 'choice' | 'done';
export type PromptVisibility = 'facilitators' | 'community' | 'anonymous';
export type PromptScheduleKind = 'now' | 'once' | 'weekly';
export type PromptDeliveryStatus = 'delivered' | 'held' | 'snoozed' | 'opted_out';
type Json<T> = ColumnType<T, string | undefined, string>;

export interface PromptAudience {
  organisationIds?: string[];
  jobTitle?: string;
  expertiseTag?: string;
  joinedWithinDays?: number;
  inactiveForDays?: number;
}

export interface PromptScheduleSpec {
  /** YYYY-MM-DD and HH:MM, Europe/Amsterdam. */
  date?: string;
  time?: string;
  /** 1 = Monday … 7 = Sunday, for weekly. */
  weekday?: number;
  until?: string;
}

export interface PromptsTable {
  id: string;
  community_id: string;
  author_id: string | null;
  kind: PromptKind;
  text: string;
  learning_question_id: string | null;
  response_mode: PromptResponseMode;
  response_visibility: PromptVisibility;
  poll_options: ColumnType<string[], string[] | undefined, string[]>;
  audience: Json<PromptAudience>;
  schedule_kind: PromptScheduleKind;
  schedule: Json<PromptScheduleSpec>;
  response_window_hours: number;
  reminder_after_hours: number | null;
  cancelled_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface PromptOccurrencesTable {
  id: string;
  prompt_id: string;
  number: number;
  scheduled_for: Timestamp;
  delivered_at: NullableTimestamp;
}

export interface PromptDeliveriesTable {
  occurrence_id: string;
  user_id: string;
  prompt_id: string;
  status: PromptDeliveryStatus;
  week_start: ColumnType<string, string, string>;
  delivered_at: NullableTimestamp;
  closes_at: NullableTimestamp;
  remind_at: NullableTimestamp;
  reminded_at: NullableTimestamp;
  mail_wanted: ColumnType<boolean, boolean | undefined, boolean>;
  mail_claimed_at: NullableTimestamp;
  mailed_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface PromptResponsesTable {
  id: string;
  occurrence_id: string;
  user_id: string;
  prompt_id: string;
  choice: number | null;
  body: ColumnType<string, string | undefined, string>;
  may_reuse: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PromptOptOutsTable {
  user_id: string;
  community_id: string;
  created_at: Timestamp;
}

export type NotificationChannel = 'in_app' | 'immediate' | 'digest';
export type NotificationPreference = NotificationChannel | 'off';
export type DigestFrequency = 'daily' | 'weekly' | 'off';

export interface EventOutboxTable {
  id: Generated<string>;
  name: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  occurred_at: Timestamp;
  processed_at: NullableTimestamp;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  community_id: string | null;
  subject_kind: string;
  subject_id: string;
  actor_id: string | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  channel: NotificationChannel;
  read_at: NullableTimestamp;
  mail_claimed_at: NullableTimestamp;
  mailed_at: NullableTimestamp;
  mail_attempts: ColumnType<number, number | undefined, number>;
  mail_next_attempt_at: NullableTimestamp;
  created_at: Timestamp;
  event_id: ColumnType<string, string | number, string | number>;
}

export interface NotificationPreferencesTable {
  user_id: string;
  category: string;
  community_id: string | null;
  channel: NotificationPreference;
  updated_at: Timestamp;
}

export interface DigestRunsTable {
  user_id: string;
  period: string;
  covers_until: Timestamp;
  sent_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface PlatformSecretsTable {
  name: string;
  value: string;
  created_at: Timestamp;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  access_tokens: AccessTokensTable;
  one_time_tokens: OneTimeTokensTable;
  invitations: InvitationsTable;
  communities: CommunitiesTable;
  community_partners: CommunityPartnersTable;
  community_members: CommunityMembersTable;
  rate_limits: RateLimitsTable;
  audit_log: AuditLogTable;
  questions: QuestionsTable;
  answers: AnswersTable;
  comments: CommentsTable;
  revisions: RevisionsTable;
  answer_helped: AnswerHelpedTable;
  question_follows: QuestionFollowsTable;
  answer_invitations: AnswerInvitationsTable;
  search_documents: SearchDocumentsTable;
  search_words: SearchWordsTable;
  search_misses: SearchMissesTable;
  frameworks: FrameworksTable;
  framework_versions: FrameworkVersionsTable;
  learning_questions: LearningQuestionsTable;
  framework_version_learning_questions: FrameworkVersionLearningQuestionsTable;
  framework_responses: FrameworkResponsesTable;
  framework_views: FrameworkViewsTable;
  practices: PracticesTable;
  practice_shares: PracticeSharesTable;
  practice_reactions: PracticeReactionsTable;
  practice_comments: PracticeCommentsTable;
  practice_tries: PracticeTriesTable;
  practice_attachments: PracticeAttachmentsTable;
  visit_requests: VisitRequestsTable;
  prompts: PromptsTable;
  prompt_occurrences: PromptOccurrencesTable;
  prompt_deliveries: PromptDeliveriesTable;
  prompt_responses: PromptResponsesTable;
  prompt_opt_outs: PromptOptOutsTable;
  event_outbox: EventOutboxTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  digest_runs: DigestRunsTable;
  platform_secrets: PlatformSecretsTable;
  signal_weekly: SignalWeeklyTable;
  signal_questions: SignalQuestionsTable;
  signal_rollup_state: SignalRollupStateTable;
  mail_retries: MailRetriesTable;
}

export type OrganisationRow = Selectable<OrganisationsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type CommunityRow = Selectable<CommunitiesTable>;

export interface FrameworkViewsTable {
  user_id: string;
  framework_id: string;
  seen_number: number;
  seen_at: Timestamp;
}

/** Signals (migrations/0014): weekly figures per community, never a person. */
export interface SignalWeeklyTable {
  community_id: string;
  week_start: ColumnType<string, string, string>;
  metric: string;
  subject: string;
  value: number;
  people: number;
}

export interface SignalQuestionsTable {
  question_id: string;
  community_id: string;
  learning_question_id: string | null;
  week_start: ColumnType<string, string, string>;
  asked_at: Timestamp;
  first_answer_at: NullableTimestamp;
  is_within_two_working_days: boolean;
}

export interface SignalRollupStateTable {
  id: number;
  last_run_at: Timestamp;
}

/** A mail as the mailer takes it, without attachments (the queue stores JSON). */
export interface QueuedMailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  icalEvent?: { method: 'REQUEST' | 'CANCEL'; filename: string; content: string };
}

export interface MailRetriesTable {
  id: string;
  purpose: string;
  message: ColumnType<QueuedMailMessage, string, string>;
  attempts: Generated<number>;
  next_at: Timestamp;
  last_error: string | null;
  created_at: Generated<Timestamp>;
}
