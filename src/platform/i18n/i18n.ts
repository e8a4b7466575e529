/**
 * Messages are plain objects per feature (`<feature>.i18n.ts`), Dutch first, English beside it.
 * A message is a string with `{name}` placeholders, or a plural form chosen by `count`.
 * Sentences are whole messages; code never glues words together.
 */
export type Locale = 'nl' | 'en';
export const LOCALES: readonly Locale[] = ['nl', 'en'];
export const TIME_ZONE = 'Europe/Amsterdam';

export type PluralMessage = { one: string; other: string; zero?: string };
export type Message = string | PluralMessage;
export type Catalogue = Record<string, Message>;
export interface FeatureMessages<T extends Catalogue = Catalogue> {
  nl: T;
  en: { [K in keyof T]: Message };
}

export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

export interface I18n {
  translator(locale: Locale): Translate;
  has(key: string): boolean;
  keys(locale: Locale): string[];
}

export function createI18n(features: FeatureMessages[]): I18n {
  const catalogues: Record<Locale, Map<string, Message>> = { nl: new Map(), en: new Map() };
  for (const feature of features) {
    for (const locale of LOCALES) {
      for (const [key, message] of Object.entries(feature[locale])) {
        if (catalogues[locale].has(key)) throw new Error(`Duplicate message key ${key}`);
        catalogues[locale].set(key, message);
      }
    }
  }
  const translators = new Map<Locale, Translate>();
  for (const locale of LOCALES) {
    const plurals = new Intl.PluralRules(locale);
    const numbers = new Intl.NumberFormat(locale);
    translators.set(locale, (key, params) => {
      const message = catalogues[locale].get(key) ?? catalogues.nl.get(key);
      if (message === undefined) return key;
      const template = typeof message === 'string' ? message : pickPlural(message, params?.count, plurals);
      return interpolate(template, params, numbers);
    });
  }
  return {
    translator: (locale) => translators.get(locale) ?? (translators.get('nl') as Translate),
    has: (key) => catalogues.nl.has(key),
    keys: (locale) => [...catalogues[locale].keys()],
  };
}

function pickPlural(message: PluralMessage, count: string | number | undefined, rules: Intl.PluralRules): string {
  const n = Number(count ?? 0);
  if (n === 0 && message.zero) return message.zero;
  return rules.select(n) === 'one' ? message.one : message.other;
}

function interpolate(template: string, params: Params | undefined, numbers: Intl.NumberFormat): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}

export function parseLocale(value: unknown): Locale | undefined {
  return value === 'nl' || value === 'en' ? value : undefined;
}

/** Picks nl or en from an Accept-Language header; Dutch wins ties and unknowns. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return 'nl';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { lang: tag.toLowerCase().slice(0, 2), q: q === undefined ? 1 : Number(q) };
    })
    .filter((x) => x.lang === 'nl' || x.lang === 'en')
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.lang as Locale | undefined) ?? 'nl';
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
export function formatDateTime(date: Date, locale: Locale, style: 'date' | 'datetime' = 'datetime'): string {
  const key = `${locale}:${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
      timeZone: TIME_ZONE,
      dateStyle: 'medium',
      ...(style === 'datetime' ? { timeStyle: 'short' } : {}),
    });
    dateFormats.set(key, format);
  }
  return format.format(date);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date where the platform is (Europe/Amsterdam), as YYYY-MM-DD: per-day counts, due dates. */
export function calendarDay(now: Date, timeZone = TIME_ZONE): string {
  let format = dayFormats.get(timeZone);
  if (!format) dayFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(now);
}
