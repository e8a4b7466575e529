/**
 * Text rules shared by features. No imports and nothing node-only: the browser island that
 * suggests a slug while typing bundles this file and uses the very same rule as the server.
 */

export const SLUG_MAX_LENGTH = 60;
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** "Gemeente 's-Hertogenbosch" → "gemeente-s-hertogenbosch": readable, stable URLs; '' when nothing is left. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/g, '');
}

/** Turns `\`, `%` and `_` typed in a search box into literal characters for LIKE. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A LIKE pattern that finds the text anywhere, taken literally. */
export const likePattern = (text: string) => `%${escapeLike(text)}%`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs; one that is no uuid names nothing (and must not reach a uuid column). */
export const isUuid = (value: string): boolean => UUID.test(value);

/** Content tags are compared case-insensitively, so they are stored lower-case and once each. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
}
