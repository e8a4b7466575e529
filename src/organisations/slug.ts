/**
 * "Gemeente 's-Hertogenbosch" → "gemeente-s-hertogenbosch". No imports: the browser island that
 * suggests a slug while typing uses the very same rule as the server.
 */
export const SLUG_MAX_LENGTH = 60;

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
