import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { actorOf, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, type TestDeps } from '../../test/harness.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { isAppError } from '../platform/errors.ts';
import type { SaveDraftInput } from './frameworks.schemas.ts';
import { compareFrameworkVersions, getCurrentFramework, getDraft, getFrameworkVersion, listFrameworkVersions, publishFramework, saveDraft } from './frameworks.usecases.ts';

const content = (overrides: Partial<SaveDraftInput> = {}): SaveDraftInput => ({
  purpose: 'Schulden eerder zien, samen met de wijkteams.',
  room: 'Teams spreken zelf af hoe ze huisbezoeken doen.',
  constraints: 'Het budget voor 2026 ligt vast.',
  indicators: 'Minder huisuitzettingen.',
  reviewDate: '2027-03-01',
  learningQuestions: [
    { kind: 'how', text: 'Hoe herken je schulden vroeg?', explanation: 'Signalen bij de eerste afspraak.' },
    { kind: 'what', text: 'Wat werkt bij jongeren?' },
  ],
  ...overrides,
});

const status = async (work: Promise<unknown>) => {
  try {
    await work;
    return 'ok';
  } catch (error) {
    if (isAppError(error)) return error.status;
    throw error;
  }
};

describe('frameworks use cases', () => {
  let deps: TestDeps;
  before(async () => {
    deps = await createTestDeps();
  });
  after(() => deps.close());

  /** An organisation with a community, its facilitator and member, a manager and outsiders. */
  async function world(visibility: 'open' | 'closed' | 'secret' = 'closed') {
    const owner = await createTestOrganisation(deps);
    const partnerOrg = await createTestOrganisation(deps, { kind: 'partner' });
    const otherOrg = await createTestOrganisation(deps);
    const users = {
      manager: await createTestUser(deps, owner.id, { role: 'manager' }),
      admin: await createTestUser(deps, owner.id, { role: 'admin' }),
      facilitator: await createTestUser(deps, owner.id),
      member: await createTestUser(deps, owner.id),
      partner: await createTestUser(deps, partnerOrg.id),
      partnerManager: await createTestUser(deps, partnerOrg.id, { role: 'manager' }),
      outsider: await createTestUser(deps, otherOrg.id),
      platformAdmin: await createTestUser(deps, otherOrg.id, { role: 'admin', isPlatformAdmin: true }),
    };
    const community = await createTestCommunity(deps, owner.id, {
      visibility,
      partners: [partnerOrg.id],
      members: [{ userId: users.facilitator.id, role: 'facilitator' }, { userId: users.member.id }],
    });
    const actors = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, actorOf(u)])) as Record<keyof typeof users, Actor>;
    return { community, ref: { id: community.id }, actors };
  }

  it('lets managers and administrators of the owning organisation write and publish; others cannot', async () => {
    const { ref, actors } = await world('closed');
    for (const who of ['facilitator', 'member', 'partner', 'partnerManager'] as const) {
      assert.equal(await status(saveDraft(deps, actors[who], ref, content())), 403, who);
    }
    assert.equal(await status(saveDraft(deps, actors.outsider, ref, content())), 404, 'cannot see a closed community');
    assert.equal(await status(saveDraft(deps, actors.platformAdmin, ref, content())), 404, 'a platform admin gets nothing extra in a closed community');
    assert.equal(await status(saveDraft(deps, actors.manager, ref, content())), 'ok');
    assert.equal(await status(saveDraft(deps, actors.admin, ref, content({ indicators: 'Door de beheerder aangepast.' }))), 'ok');
    assert.equal(await status(publishFramework(deps, actors.facilitator, ref, {})), 403);
    const published = await publishFramework(deps, actors.admin, ref, {});
    assert.equal(published.number, 1);
    assert.equal(published.indicators, 'Door de beheerder aangepast.', 'both writers edit the one draft');
  });

  it('gives two managers saving at the same moment one framework and one draft', async () => {
    const { ref, actors, community } = await world('open');
    await Promise.all([saveDraft(deps, actors.manager, ref, content({ purpose: 'Van de manager.' })), saveDraft(deps, actors.admin, ref, content({ purpose: 'Van de beheerder.' }))]);
    const versions = await deps.db.selectFrom('framework_versions as v').innerJoin('frameworks as f', 'f.id', 'v.framework_id').select(['v.number', 'v.status']).where('f.community_id', '=', community.id).execute();
    assert.deepEqual(versions, [{ number: 1, status: 'draft' }]);
  });

  it('lets a platform admin write in an open community they can see', async () => {
    const { ref, actors } = await world('open');
    assert.equal(await status(saveDraft(deps, actors.platformAdmin, ref, content())), 'ok');
    assert.equal(await status(publishFramework(deps, actors.platformAdmin, ref, {})), 'ok');
    assert.equal(await status(saveDraft(deps, actors.outsider, ref, content())), 403);
  });

  it('keeps drafts invisible to everyone but the writers', async () => {
    const { ref, actors } = await world('closed');
    await saveDraft(deps, actors.manager, ref, content({ purpose: 'Geheim concept.' }));
    for (const who of ['facilitator', 'member', 'partner'] as const) {
      assert.equal(await status(getDraft(deps, actors[who], ref)), 404, who);
      const overview = await getCurrentFramework(deps, actors[who], ref);
      assert.equal(overview.current, null);
      assert.equal(overview.hasDraft, false);
      assert.deepEqual((await listFrameworkVersions(deps, actors[who], ref)).versions, []);
      assert.equal(await status(getFrameworkVersion(deps, actors[who], ref, 1)), 404, 'the draft number is no version');
    }
    assert.equal(await status(getCurrentFramework(deps, actors.outsider, ref)), 404);
    assert.equal((await getDraft(deps, actors.manager, ref)).content.purpose, 'Geheim concept.');
    assert.equal((await getCurrentFramework(deps, actors.manager, ref)).hasDraft, true);
  });

  it('publishes versions everyone who can see the community reads; a change note is required from version 2', async () => {
    const { ref, actors, community } = await world('closed');
    await saveDraft(deps, actors.manager, ref, content());
    const v1 = await publishFramework(deps, actors.manager, ref, {});
    assert.equal(v1.status, 'published');
    const published = deps.dispatched.filter((e) => e.name === 'framework.published' && e.payload.communityId === community.id);
    assert.equal(published.length, 1);

    await saveDraft(deps, actors.manager, ref, content({ room: 'Teams beslissen zelf over huisbezoeken en nazorg.' }));
    for (const changeNote of [undefined, '', 'te kort']) {
      assert.equal(await status(publishFramework(deps, actors.manager, ref, { changeNote })), 422, String(changeNote));
    }
    const note = 'Nazorg valt nu ook binnen de ruimte van teams.';
    const v2 = await publishFramework(deps, actors.manager, ref, { changeNote: note });
    assert.equal(v2.number, 2);
    const event = deps.dispatched.find((e) => e.name === 'framework.published' && e.payload.versionId === v2.id);
    assert.deepEqual({ ...event?.payload }, { communityId: community.id, frameworkId: v2.frameworkId, versionId: v2.id, number: 2, changeNote: note, actorId: actors.manager.userId });
    assert.equal(await status(publishFramework(deps, actors.manager, ref, { changeNote: note })), 409, 'no draft left to publish');

    for (const who of ['member', 'partner', 'facilitator'] as const) {
      const overview = await getCurrentFramework(deps, actors[who], ref);
      assert.equal(overview.current?.number, 2, who);
      assert.equal(overview.current?.room, 'Teams beslissen zelf over huisbezoeken en nazorg.');
      const { versions } = await listFrameworkVersions(deps, actors[who], ref);
      assert.deepEqual(versions.map((v) => [v.number, v.changeNote]), [[2, note], [1, '']]);
    }
    assert.equal((await getFrameworkVersion(deps, actors.member, ref, 1)).room, 'Teams spreken zelf af hoe ze huisbezoeken doen.');
  });

  it('never changes a published version: a new draft starts from it, and the database refuses edits', async () => {
    const { ref, actors } = await world('open');
    await saveDraft(deps, actors.manager, ref, content());
    const v1 = await publishFramework(deps, actors.manager, ref, {});
    const start = await getDraft(deps, actors.manager, ref);
    assert.equal(start.draft, null);
    assert.equal(start.number, 2);
    assert.equal(start.content.purpose, v1.purpose, 'the editor starts from the current version');
    await saveDraft(deps, actors.manager, ref, content({ purpose: 'Nieuw doel.' }));
    assert.equal((await getFrameworkVersion(deps, actors.member, ref, 1)).purpose, v1.purpose);
    await assert.rejects(sql`UPDATE framework_versions SET purpose = 'overschreven' WHERE id = ${v1.id}`.execute(deps.db), /immutable/);
  });

  it('keeps learning question ids across versions; new ones get new ids, foreign ids are not taken over', async () => {
    const a = await world('open');
    const b = await world('open');
    await saveDraft(deps, b.actors.manager, b.ref, content());
    const foreignId = (await publishFramework(deps, b.actors.manager, b.ref, {})).learningQuestions[0]!.id;

    await saveDraft(deps, a.actors.manager, a.ref, content());
    const v1 = await publishFramework(deps, a.actors.manager, a.ref, {});
    const [first, second] = v1.learningQuestions;
    const draft = await saveDraft(deps, a.actors.manager, a.ref, content({
      learningQuestions: [
        { id: second!.id, kind: 'what', text: 'Wat werkt bij jongeren tot 23 jaar?' },
        { id: foreignId, kind: 'how', text: 'Hoe praat je over geld?' },
        { id: first!.id, kind: 'how', text: first!.text, explanation: first!.explanation },
      ],
    }));
    assert.deepEqual(draft.learningQuestions.map((q) => q.id).filter((id) => id === first!.id || id === second!.id), [second!.id, first!.id]);
    assert.notEqual(draft.learningQuestions[1]!.id, foreignId);
    const v2 = await publishFramework(deps, a.actors.manager, a.ref, { changeNote: 'Jongeren nader bepaald, geldgesprek erbij.' });

    const { diff } = await compareFrameworkVersions(deps, a.actors.member, a.ref, 2, 1);
    assert.deepEqual(diff.learningQuestions.map((q) => q.status), ['changed', 'added', 'same']);
    assert.equal(diff.learningQuestions[0]!.id, second!.id);
    assert.equal(v2.learningQuestions[0]!.id, second!.id);
    assert.equal(await status(compareFrameworkVersions(deps, a.actors.member, a.ref, 1, 3)), 404);
  });

  it('shows removed learning questions and sections in the comparison', async () => {
    const { ref, actors } = await world('open');
    await saveDraft(deps, actors.manager, ref, content());
    const v1 = await publishFramework(deps, actors.manager, ref, {});
    await saveDraft(deps, actors.manager, ref, content({ constraints: '', learningQuestions: [{ id: v1.learningQuestions[0]!.id, kind: 'how', text: 'Hoe herken je schulden vroeg?', explanation: 'Signalen bij de eerste afspraak.' }] }));
    await publishFramework(deps, actors.manager, ref, { changeNote: 'Beperkingen geschrapt en een leervraag minder.' });
    const { diff, before, after } = await compareFrameworkVersions(deps, actors.member, ref, 1, 2);
    assert.deepEqual([before.number, after.number], [1, 2]);
    assert.equal(diff.sections.find((s) => s.section === 'constraints')!.status, 'removed');
    assert.deepEqual(diff.learningQuestions.map((q) => q.status), ['same', 'removed']);
  });
});
