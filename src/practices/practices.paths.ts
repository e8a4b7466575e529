import type { PracticeListFilter } from './practices.models.ts';

/** Every URL of the practices feature, built in one place. */

export const practicePath = (id: string, rest = '') => `/praktijk/${id}${rest}`;
export const practiceCommentPath = (id: string, rest = '') => `/praktijkreacties/${id}${rest}`;
export const practiceTryPath = (id: string, rest = '') => `/geprobeerd/${id}${rest}`;
export const tryAnchor = (practiceId: string, tryId: string) => `${practicePath(practiceId)}#geprobeerd-${tryId}`;
export const communityPracticesPath = (slug: string, rest = '') => `/gemeenschappen/${encodeURIComponent(slug)}/praktijk${rest}`;

export function galleryUrl(slug: string, filter: Pick<PracticeListFilter, 'sort' | 'tag' | 'learningQuestionId'>): string {
  const params = new URLSearchParams();
  if (filter.sort === 'tried') params.set('sortering', 'meest-geprobeerd');
  if (filter.tag) params.set('tag', filter.tag);
  if (filter.learningQuestionId) params.set('leervraag', filter.learningQuestionId);
  const query = params.toString();
  return communityPracticesPath(slug, query ? `?${query}` : '');
}
