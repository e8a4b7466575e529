import type { PageContext } from '../ui/context.ts';
import { Layout } from '../ui/layout.tsx';
import { MIN_ANONYMOUS } from '../prompts/prompts.models.ts';
import { K } from './privacy.ts';

/**
 * For every member, in plain language: exactly what managers and facilitators can see of them.
 * The numbers come from the rules themselves (K, the prompts' anonymity minimum), so the page
 * cannot drift from what the code does.
 */
export function SignalsExplainedPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  const item = (key: string, params?: Record<string, number>) => <li class="utrecht-unordered-list__item">{t(key, params)}</li>;
  return (
    <Layout ctx={ctx} title={t('signals.explained.title')}>
      <h1 class="utrecht-heading-1">{t('signals.explained.title')}</h1>
      <p class="utrecht-paragraph">{t('signals.explained.intro')}</p>
      <h2 class="utrecht-heading-2">{t('signals.explained.who.title')}</h2>
      <p class="utrecht-paragraph">{t('signals.explained.who.text')}</p>
      <h2 class="utrecht-heading-2">{t('signals.explained.what.title')}</h2>
      <ul class="utrecht-unordered-list">
        {item('signals.explained.what.counts')}
        {item('signals.explained.what.weeks')}
        {item('signals.explained.what.activities')}
      </ul>
      <h2 class="utrecht-heading-2">{t('signals.explained.never.title')}</h2>
      <ul class="utrecht-unordered-list">
        {item('signals.explained.never.person')}
        {item('signals.explained.never.small', { k: K })}
        {item('signals.explained.never.searches', { k: K })}
      </ul>
      <h2 class="utrecht-heading-2">{t('signals.explained.prompts.title')}</h2>
      <p class="utrecht-paragraph">{t('signals.explained.prompts.text', { k: MIN_ANONYMOUS })}</p>
      <h2 class="utrecht-heading-2">{t('signals.explained.voluntary.title')}</h2>
      <p class="utrecht-paragraph">{t('signals.explained.voluntary.text')}</p>
    </Layout>
  );
}
