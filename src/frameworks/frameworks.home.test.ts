import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actorOf, createTestApp, createTestCommunity, createTestOrganisation, createTestUser, sessionClient } from '../../test/harness.ts';
import { publishFramework, saveDraft } from './frameworks.usecases.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** The community home shows the current framework in compact form, still in one query. */
describe('framework on the community home', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('shows the purpose and the number of learning questions once published, and says so before', async () => {
    const org = await createTestOrganisation(t.deps);
    const manager = await createTestUser(t.deps, org.id, { role: 'manager' });
    const member = await createTestUser(t.deps, org.id);
    const community = await createTestCommunity(t.deps, org.id, { members: [{ userId: member.id }] });
    const client = await sessionClient(t.deps, t.app, member.id);
    assert.match((await client.get(`/gemeenschappen/${community.slug}`)).body, /nog geen kader gepubliceerd/);

    await saveDraft(t.deps, actorOf(manager), { id: community.id }, { purpose: 'Schulden eerder zien, samen met de wijkteams.', room: '', constraints: '', indicators: '', reviewDate: null, learningQuestions: [{ kind: 'how', text: 'Hoe herken je schulden vroeg?' }, { kind: 'what', text: 'Wat werkt bij jongeren?' }] });
    const home = (await client.get(`/gemeenschappen/${community.slug}`)).body;
    assert.match(home, /nog geen kader gepubliceerd/, 'a draft is not shown');
    await publishFramework(t.deps, actorOf(manager), { id: community.id }, { changeNote: '' });
    const published = (await client.get(`/gemeenschappen/${community.slug}`)).body;
    assert.match(published, /Schulden eerder zien, samen met de wijkteams\./);
    assert.match(published, /Versie 1 · 2 leervragen/);
  });
});

describe('what changed since the last visit', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('tells a member once, on the first visit after a new version, with the change notes and a link to the difference', async () => {
    const org = await createTestOrganisation(t.deps);
    const manager = actorOf(await createTestUser(t.deps, org.id, { role: 'manager' }));
    const member = await createTestUser(t.deps, org.id);
    const community = await createTestCommunity(t.deps, org.id, { members: [{ userId: member.id }] });
    const ref = { id: community.id };
    const content = { purpose: 'Schulden eerder zien.', room: '', constraints: '', indicators: '', reviewDate: null, learningQuestions: [{ kind: 'how' as const, text: 'Hoe herken je schulden vroeg?' }] };
    await saveDraft(t.deps, manager, ref, content);
    await publishFramework(t.deps, manager, ref, { changeNote: '' });
    const client = await sessionClient(t.deps, t.app, member.id);
    const url = `/gemeenschappen/${community.slug}/kader`;
    assert.doesNotMatch((await client.get(url)).body, /Aangescherpt sinds je vorige bezoek/, 'a first visit has nothing to compare');

    await saveDraft(t.deps, manager, ref, { ...content, room: 'Teams kiezen zelf hun aanpak.' });
    await publishFramework(t.deps, manager, ref, { changeNote: 'Meer ruimte voor de teams.' });
    const after = (await client.get(url)).body;
    assert.match(after, /Aangescherpt sinds je vorige bezoek \(versie 1\)/);
    assert.match(after, /Versie 2: Meer ruimte voor de teams\./);
    assert.ok(after.includes(`${url}/versies/1/2`));
    assert.doesNotMatch((await client.get(url)).body, /Aangescherpt sinds je vorige bezoek/, 'once');
  });
});
