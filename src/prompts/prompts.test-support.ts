import assert from 'node:assert/strict';
import { createTestApp, createTestCommunity, createTestOrganisation, createTestUser, sessionClient } from '../../test/harness.ts';
import { runPromptScheduler } from './delivery.ts';

/**
 * Shared by the prompts tests. The scheduler delivers every due occurrence in the shared test
 * database, so these tests run on injected clocks in 2001, far before anyone else's prompts (whose
 * scheduler runs never reach back that far), and read what they check from their own prompts.
 */

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/**
 * One scheduler run at `now`: delivers what is due. Mails are left to the engine's own tests:
 * sending claims every pending mail in the database, other tests' included.
 */
export const deliverDue = (t: TestApp, now: Date) => runPromptScheduler(t.deps, now, { mailBatches: 0 });

let week = 0;
/** A Monday 09:00 UTC in 2001 of its own, installed as the app's clock; `set` moves it. */
export function freshClock(t: TestApp) {
  week += 1 + Math.floor(Math.random() * 3);
  let now = new Date(Date.UTC(2001, 0, 1 + week * 7, 9, 0));
  t.deps.clock = { now: () => now };
  return { now: () => now, set: (d: Date) => void (now = d) };
}

/** A closed community with a partner: a facilitator, three members (one from the partner) and an outsider. */
export async function promptsWorld(t: TestApp) {
  const org = await createTestOrganisation(t.deps);
  const partner = await createTestOrganisation(t.deps, { kind: 'partner' });
  const elsewhere = await createTestOrganisation(t.deps);
  const sender = await createTestUser(t.deps, org.id, { name: 'Fien Facilitator' });
  const anna = await createTestUser(t.deps, org.id, { name: 'Anna Antwoord', jobTitle: 'Wijkcoach' });
  const bram = await createTestUser(t.deps, org.id, { name: 'Bram Beleid', jobTitle: 'Beleidsmedewerker' });
  const piet = await createTestUser(t.deps, partner.id, { name: 'Piet Partner', jobTitle: 'wijkcoach jeugd' });
  const outsider = await createTestUser(t.deps, elsewhere.id);
  const community = await createTestCommunity(t.deps, org.id, {
    visibility: 'closed', partners: [partner.id],
    members: [{ userId: sender.id, role: 'facilitator' }, { userId: anna.id }, { userId: bram.id }, { userId: piet.id }],
  });
  const client = (userId: string) => sessionClient(t.deps, t.app, userId);
  return { org, partner, sender, anna, bram, piet, outsider, community, client };
}

export const composeForm = (overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  kind: 'poll', text: 'Hoe vaak bel je een cliënt terug?', responseMode: 'choice', pollOptions: 'Dezelfde dag\nBinnen een week\nZelden', visibility: 'facilitators',
  scheduleKind: 'now', windowAmount: '2', windowUnit: 'days', reminderAfterHours: '', ...overrides,
});

export function promptIdFrom(location: unknown): string {
  const match = /^\/prikkels\/verzonden\/([0-9a-f-]{36})$/.exec(String(location ?? ''));
  assert.ok(match, `redirect to the results page, got ${String(location)}`);
  return match[1]!;
}

export const occurrenceOf = async (t: TestApp, promptId: string) =>
  (await t.deps.db.selectFrom('prompt_occurrences').select('id').where('prompt_id', '=', promptId).orderBy('number').executeTakeFirstOrThrow()).id;

export const countPrompts = async (t: TestApp, communityId: string) =>
  Number((await t.deps.db.selectFrom('prompts').select((eb) => eb.fn.countAll<number>().as('n')).where('community_id', '=', communityId).executeTakeFirstOrThrow()).n);
