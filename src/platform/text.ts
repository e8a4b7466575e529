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
