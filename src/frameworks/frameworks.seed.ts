import type { CommunityRef } from '../communities/communities.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { getCurrentFramework, publishFramework, saveDraft } from './frameworks.usecases.ts';

/**
 * The demo framework of the Wmo community, written and published by its manager through the
 * use cases. Runs once: a community that already has a published framework is left alone.
 * Returns the learning questions' ids in order, for the demo questions to link to.
 */
export async function seedDemoFramework(deps: Pick<Deps, 'db' | 'events' | 'ids' | 'clock'>, manager: Actor, community: CommunityRef): Promise<string[]> {
  const existing = await getCurrentFramework(deps, manager, community);
  if (existing.current) return existing.current.learningQuestions.map((lq) => lq.id);
  await saveDraft(deps, manager, community, {
    purpose: 'Inwoners krijgen de ondersteuning die past bij hun leven, en begrijpen waarom. Wmo-consulenten leren van elkaars keukentafelgesprekken.',
    room: 'Consulenten bepalen zelf hoe ze een gesprek voeren en wie ze erbij vragen. Ze mogen afwijken van de standaardvoorziening als ze uitleggen waarom.',
    constraints: 'Het budget voor maatwerkvoorzieningen ligt vast voor 2027. Een beschikking volgt altijd binnen acht weken (Wmo 2015).',
    indicators: 'Minder bezwaarschriften; inwoners zeggen in de evaluatie dat ze het besluit begrijpen.',
    reviewDate: '2027-06-01',
    learningQuestions: [
      { kind: 'how', text: 'Hoe leg je een besluit uit in gewone taal?', explanation: 'Vooral bij afwijzingen en bij een eigen bijdrage.' },
      { kind: 'what', text: 'Wat kunnen algemene voorzieningen in onze gemeente bieden?' },
    ],
  });
  const published = await publishFramework(deps, manager, community, { changeNote: '' });
  return published.learningQuestions.map((lq) => lq.id);
}
