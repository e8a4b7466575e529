import type { Locale, Translate } from '../platform/i18n/i18n.ts';
import { formatDateTime } from '../platform/i18n/i18n.ts';
import type { LearningQuestionSignals } from '../questions/questions.usecases.ts';
import { composeEmail, type RenderedEmail } from '../ui/email.tsx';
import type { LearningQuestionRef } from './frameworks.repository.ts';

/** The review reminder: the date has come; here is how the community works on each learning question. */
export function reviewReminderEmail(props: {
  t: Translate;
  locale: Locale;
  name: string;
  communityName: string;
  reviewDate: string;
  link: string;
  learningQuestions: LearningQuestionRef[];
  signals: Map<string, LearningQuestionSignals>;
}): RenderedEmail {
  const { t, locale } = props;
  const line = (lq: LearningQuestionRef) => {
    const s = props.signals.get(lq.id);
    const figures = s && s.asked > 0 ? t('frameworks.email.review.signals', { asked: s.asked, answered: s.answered, solved: s.solved }) : t('frameworks.email.review.no_questions');
    return `• ${lq.text} — ${figures}`;
  };
  return composeEmail(t, {
    locale,
    subject: t('frameworks.email.review.subject', { community: props.communityName }),
    greeting: t('frameworks.email.review.greeting', { name: props.name }),
    paragraphs: [
      t('frameworks.email.review.body', { community: props.communityName, date: formatDateTime(new Date(`${props.reviewDate}T12:00:00Z`), locale, 'date') }),
      ...(props.learningQuestions.length > 0 ? [t('frameworks.email.review.signals_intro'), ...props.learningQuestions.map(line)] : []),
    ],
    action: { label: t('frameworks.email.review.action'), url: props.link },
    after: [t('frameworks.email.review.after')],
  });
}
