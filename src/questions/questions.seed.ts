import type { CommunityRef } from '../communities/communities.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { postAnswer, setAcceptedAnswer, setHelped } from './answers/answers.usecases.ts';
import { postComment } from './comments/comments.usecases.ts';
import { askQuestion, listQuestions } from './questions.usecases.ts';

/** Demo questions in the open Wmo community, asked through the use cases like real ones. */
export interface DemoQuestionPeople {
  community: CommunityRef;
  /** The community's learning questions, in order; the first two demo questions link to them. */
  learningQuestionIds: string[];
  facilitator: Actor;
  consultant: Actor;
  debtCounsellor: Actor;
  youthWorker: Actor;
}

/** Runs once: a community that already has questions is left alone. */
export async function seedDemoQuestions(deps: Pick<Deps, 'db' | 'events' | 'ids' | 'clock'>, p: DemoQuestionPeople): Promise<number> {
  const existing = await listQuestions(deps, p.facilitator, p.community, { filter: 'all', sort: 'newest', tag: '', learningQuestionId: null, page: 1, pageSize: 1 });
  if (existing.page.items.length > 0) return 0;

  const explain = await askQuestion(deps, p.consultant, p.community, {
    kind: 'how',
    title: 'Hoe leg je een afwijzing van een maatwerkvoorziening uit in gewone taal?',
    body: 'Inwoners begrijpen onze beschikkingen vaak niet. Ik wil een afwijzing **mondeling** toelichten voordat de brief komt.\n\n- Wat zeg je als eerste?\n- Hoe voorkom je dat het gesprek vastloopt?',
    tags: ['wmo', 'maatwerk', 'communicatie'],
    learningQuestionId: p.learningQuestionIds[0] ?? null,
  });
  const answer = await postAnswer(deps, p.facilitator, explain.id, {
    body: 'Begin met het besluit zelf, in één zin. Daarna pas de reden, en dan wat de inwoner wél kan: een algemene voorziening, of bezwaar.\n\nWij gebruiken de **B1-checklist** van het team; vraag hem gerust op.',
  });
  await postAnswer(deps, p.debtCounsellor, explain.id, { body: 'Check ook of er geldzorgen achter de aanvraag zitten. Dan kun je meteen doorverwijzen naar schuldhulp.' });
  await postComment(deps, p.youthWorker, { answerId: answer.id }, { body: 'Die checklist wil ik ook graag!' });
  await setHelped(deps, p.consultant, answer.id, true);
  await setHelped(deps, p.youthWorker, answer.id, true);
  await setAcceptedAnswer(deps, p.consultant, explain.id, answer.id);

  await askQuestion(deps, p.debtCounsellor, p.community, {
    kind: 'what',
    title: 'Wat valt in onze gemeente onder de algemene voorzieningen?',
    body: 'Ik verwijs inwoners graag door, maar weet niet precies welke algemene voorzieningen er nu zijn en wat ze kosten.',
    tags: ['wmo', 'algemene voorzieningen'],
    learningQuestionId: p.learningQuestionIds[1] ?? null,
  });

  const caregiver = await askQuestion(deps, p.youthWorker, p.community, {
    kind: 'how',
    title: 'Hoe betrek je een overbelaste mantelzorger bij het keukentafelgesprek?',
    body: 'De mantelzorger zit er vaak bij, maar zegt weinig. Hoe krijg je ook haar verhaal te horen?',
    tags: ['keukentafelgesprek', 'mantelzorg'],
  });
  await postAnswer(deps, p.consultant, caregiver.id, { body: 'Plan een tweede, apart gesprek met alleen de mantelzorger. Vraag naar haar eigen week, niet naar de zorg.' });
  return 3;
}
