import { pageFilterParam, pageSortParam } from './questions.schemas.ts';
import type { QuestionListFilter } from './questions.models.ts';

/** Every URL of the questions feature, built in one place. */

export const questionPath = (id: string, rest = '') => `/vragen/${id}${rest}`;
export const answerPath = (id: string, rest = '') => `/antwoorden/${id}${rest}`;
export const commentPath = (id: string, rest = '') => `/reacties/${id}${rest}`;
export const answerAnchor = (questionId: string, answerId: string) => `${questionPath(questionId)}#antwoord-${answerId}`;
export const communityQuestionsPath = (slug: string, rest = '') => `/gemeenschappen/${encodeURIComponent(slug)}/vragen${rest}`;

export function questionListUrl(slug: string, filter: Pick<QuestionListFilter, 'filter' | 'sort' | 'tag' | 'learningQuestionId'>): string {
  const params = new URLSearchParams();
  if (filter.filter !== 'all') params.set('filter', pageFilterParam(filter.filter));
  if (filter.sort !== 'newest') params.set('sortering', pageSortParam(filter.sort));
  if (filter.tag) params.set('tag', filter.tag);
  if (filter.learningQuestionId) params.set('leervraag', filter.learningQuestionId);
  const query = params.toString();
  return communityQuestionsPath(slug, query ? `?${query}` : '');
}
