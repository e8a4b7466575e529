/** One way to page every list: page numbers from 1, and no COUNT(*) to know whether a next page exists. */

export interface Paging {
  page: number;
  pageSize: number;
}

export interface Page<T> extends Paging {
  items: T[];
  hasNext: boolean;
}

/**
 * The highest page number anyone may ask for. Deep OFFSETs get slow and no person pages that far
 * (a search narrows better); API schemas declare it as their maximum too.
 */
export const MAX_PAGE = 10_000;

/** Rows are fetched with one extra (`limit` is pageSize + 1); that row only says "there is a next page". */
export const pageWindow = ({ page, pageSize }: Paging) => ({ limit: pageSize + 1, offset: (page - 1) * pageSize });

/** Turns rows fetched through `pageWindow` into a page. */
export function toPage<T>(rows: T[], { page, pageSize }: Paging): Page<T> {
  return { items: rows.slice(0, pageSize), page, pageSize, hasNext: rows.length > pageSize };
}

/** `?pagina=` on pages is typed by people and links: anything odd means the first page, never an error. */
export function parsePageNumber(value: unknown): number {
  const page = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return Math.min(Math.max(page, 1), MAX_PAGE);
}
