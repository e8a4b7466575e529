import type { Locale } from '../platform/i18n/i18n.ts';
import type { PageContext } from '../ui/context.ts';
import type { Figure } from './privacy.ts';

/** How a figure reads on a page. A suppressed figure never shows a number, whatever it was. */

export const SUPPRESSED_EXPLANATION_ID = 'signals-suppressed-explanation';

/**
 * One formatter per locale and kind, made once: a page of weekly tables formats hundreds of
 * figures, and creating an Intl formatter costs tens of microseconds (and garbage) each time.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let found = formatters.get(key) as T | undefined;
  if (!found) formatters.set(key, (found = make()));
  return found;
}
const tag = (locale: Locale) => (locale === 'nl' ? 'nl-NL' : 'en-GB');

/** A day (YYYY-MM-DD, a calendar date) in the reader's language. */
export const formatDay = (date: string, locale: Locale) =>
  formatter(`day:${locale}`, () => new Intl.DateTimeFormat(tag(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })).format(new Date(`${date}T12:00:00Z`));

export const addDaysTo = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The text of a figure: "minder dan 5" (or "verborgen" when hidden to protect another), a number, or "no data". */
export function figureText(ctx: PageContext, figure: Figure, k: number, style: 'count' | 'percent' | 'hours' = 'count'): string {
  if (figure.isSuppressed) return figure.reason === 'complementary' ? ctx.t('signals.suppressed.hidden') : ctx.t('signals.suppressed', { k });
  if (figure.value === null) return ctx.t('signals.no_data');
  if (style === 'percent') return formatter(`percent:${ctx.locale}`, () => new Intl.NumberFormat(ctx.locale, { style: 'percent', maximumFractionDigits: 0 })).format(figure.value);
  if (style === 'hours') return ctx.t('signals.median.hours', { hours: Math.round(figure.value * 10) / 10 });
  return formatter(`number:${ctx.locale}`, () => new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 1 })).format(figure.value);
}

/** A table cell for a figure; a suppressed one points to the explanation. */
export function FigureCell({ ctx, figure, k, style }: { ctx: PageContext; figure: Figure; k: number; style?: 'count' | 'percent' | 'hours' }) {
  return (
    <td class={`utrecht-table__cell utrecht-table__cell--numeric-column${figure.isSuppressed ? ' lk-signals-suppressed' : ''}`} aria-describedby={figure.isSuppressed ? SUPPRESSED_EXPLANATION_ID : undefined}>
      {figureText(ctx, figure, k, style)}
    </td>
  );
}
