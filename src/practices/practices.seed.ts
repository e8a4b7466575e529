import type { CommunityRef } from '../communities/communities.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { addComment, react, reportTried } from './contributions.usecases.ts';
import { listPractices, sharePractice } from './practices.usecases.ts';

/** Demo practice stories in the open Wmo community, shared through the use cases like real ones. */
export interface DemoPracticePeople {
  community: CommunityRef;
  learningQuestionIds: string[];
  facilitator: Actor;
  consultant: Actor;
  debtCounsellor: Actor;
  youthWorker: Actor;
}

/** Runs once: a community that already has stories is left alone. */
export async function seedDemoPractices(deps: Pick<Deps, 'db' | 'events' | 'ids' | 'clock'>, p: DemoPracticePeople): Promise<number> {
  const existing = await listPractices(deps, p.facilitator, p.community, { sort: 'newest', tag: '', learningQuestionId: null, page: 1, pageSize: 1 });
  if (existing.page.items.length > 0) return 0;

  const interpreter = await sharePractice(deps, p.consultant, p.community, {
    title: 'Keukentafelgesprek met een tolk via beeldbellen',
    situation: 'Een oudere inwoner sprak alleen Turks. Haar dochter vertaalde altijd, maar die had een eigen belang bij de uitkomst.',
    action: 'Ik plande het gesprek met een **professionele tolk via beeldbellen**:\n\n1. Tablet op tafel, tolk in beeld.\n2. Eerst de rolverdeling uitgelegd.\n3. Korte zinnen, na elke zin laten vertalen.',
    outcome: 'Mevrouw vertelde veel meer over haar eigen wensen dan in eerdere gesprekken.',
    learning: 'Het kost meer tijd: plan anderhalf uur. Ik twijfel nog of het ook bij een eerste kennismaking werkt.',
    tags: ['keukentafelgesprek', 'tolk', 'wmo'],
    learningQuestionId: p.learningQuestionIds[0] ?? null,
  });
  await react(deps, p.youthWorker, interpreter.id, { kind: 'recognise', on: true });
  await react(deps, p.youthWorker, interpreter.id, { kind: 'will_try', on: true });
  await react(deps, p.facilitator, interpreter.id, { kind: 'recognise', on: true });
  const youth = await reportTried(deps, p.youthWorker, interpreter.id, {
    team: 'Jeugdteam Zuid',
    result: 'worked',
    adapted: 'Ik gebruikte de tolk bij een gesprek met ouders, niet met de jongere zelf.',
    howItWent: 'De ouders durfden eindelijk te vertellen wat er thuis speelde. Plan wel een pauze in.',
  });
  await reportTried(deps, p.debtCounsellor, interpreter.id, {
    parentId: youth.id,
    team: 'Schuldhulp Centrum',
    result: 'partly',
    adapted: 'Tolk via de telefoon in plaats van beeld, omdat de inwoner geen wifi had.',
    howItWent: 'Werkte voor het eerste deel; bij de cijfers was beeld toch beter geweest.',
  });
  await addComment(deps, p.facilitator, interpreter.id, { kind: 'comment', body: 'Mooi voorbeeld. De tolkkosten vallen onder het budget van het team; vraag het gewoon aan.' });
  await addComment(deps, p.debtCounsellor, interpreter.id, { kind: 'alternative', body: 'Ik zou eerst een kort gesprek met alleen de dochter voeren, zodat zij weet waarom er een tolk komt.' });

  await sharePractice(deps, p.youthWorker, p.community, {
    title: 'Een vast spreekuur op de basisschool',
    situation: 'Ouders vonden de weg naar het wijkteam niet.',
    action: 'Elke dinsdagochtend zit ik een uur in de koffiehoek van de school, zonder afspraak.',
    tags: ['jeugd', 'vindbaarheid'],
  });
  return 2;
}
