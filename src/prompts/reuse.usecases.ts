import type { Actor } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { sharePractice } from '../practices/practices.usecases.ts';
import { practicePath } from '../practices/practices.paths.ts';
import { questionPath } from '../questions/questions.paths.ts';
import { askQuestion } from '../questions/questions.usecases.ts';
import { createInvalidFieldError } from './prompts.errors.ts';
import { loadSentPrompt } from './results.usecases.ts';
import { findNamedResponse } from './results.repository.ts';

type WriteDeps = Pick<Deps, 'db' | 'events' | 'ids' | 'clock' | 'i18n'>;

/**
 * Turning an answer into a practice story or a question, with its author's consent (may_reuse).
 * The sender becomes the author (they post it, and edit it afterwards); the text credits the
 * respondent by name ("naar een antwoord van …"), which is why anonymous answers never qualify.
 * It lands in the prompt's community, through that feature's own use case and rules.
 */
export async function reuseResponse(deps: WriteDeps, actor: Actor, promptId: string, input: { responseId: string; as: 'practice' | 'question' }): Promise<{ editPath: string }> {
  const { prompt, community } = await loadSentPrompt(deps.db, actor, promptId);
  const response = await findNamedResponse(deps.db, input.responseId);
  if (!response || response.promptId !== prompt.id || !response.mayReuse || prompt.visibility === 'anonymous') throw createInvalidFieldError('responseId', 'prompts.reuse.not_allowed');
  const t = deps.i18n.translator(actor.locale);
  const answer = [response.choice !== null ? (prompt.pollOptions[response.choice] ?? '') : '', response.body].filter(Boolean).join('\n\n') || t('prompts.answer.done_label');
  const credit = t('prompts.reuse.credit', { name: response.name });
  const flat = prompt.text.replace(/\s+/g, ' ');
  const title = flat.length >= 8 ? (flat.length > 200 ? `${flat.slice(0, 196).replace(/\s\S*$/, '')} …` : flat) : t('prompts.reuse.title_fallback', { text: flat });
  if (input.as === 'question') {
    const { id } = await askQuestion(deps, actor, { id: community.id }, { kind: 'how', title, body: `${answer}\n\n${credit}` });
    return { editPath: questionPath(id, '/bewerken') };
  }
  const { id } = await sharePractice(deps, actor, { id: community.id }, { title, situation: prompt.text, action: answer.length >= 2 ? answer : t('prompts.answer.done_label'), learning: credit });
  return { editPath: practicePath(id, '/bewerken') };
}
