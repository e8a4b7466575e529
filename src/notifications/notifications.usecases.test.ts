import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { actorOf, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser } from '../../test/harness.ts';
import { askQuestion } from '../questions/questions.usecases.ts';
import { postAnswer } from '../questions/answers/answers.usecases.ts';
import { deleteQuestion } from '../questions/moderation.usecases.ts';
import { isAppError } from '../platform/errors.ts';
import { processEventsSoFar } from './notifications.test-support.ts';
import { countUnread, getPreferences, listMyNotifications, markAllNotificationsRead, openNotification, savePreferences } from './notifications.usecases.ts';

const firstPage = { page: 1, pageSize: 20 };
const defaults = { direct: 'immediate', activity: 'digest', community: 'digest', ownMail: 'in_app', digestFrequency: 'daily' } as const;

async function world() {
  const deps = await createTestDeps();
  const org = await createTestOrganisation(deps);
  const [asker, bram, carla, outsider] = await Promise.all([0, 1, 2, 3].map((i) => createTestUser(deps, org.id, { name: `Persoon ${i} ${randomUUID().slice(0, 6)}` })));
  const community = await createTestCommunity(deps, org.id, { visibility: 'secret', members: [asker!, bram!, carla!].map((u) => ({ userId: u.id })) });
  return { deps, org, asker: asker!, bram: bram!, carla: carla!, outsider: outsider!, community };
}

describe('the notification centre', () => {
  it('groups by kind and subject, newest first, with counts, up to three names and the link to the newest answer', async (t) => {
    const { deps, asker, bram, carla, community } = await world();
    t.after(() => deps.close());
    const first = await askQuestion(deps, actorOf(asker), { id: community.id }, { kind: 'how', title: 'Hoe regel ik een tolk?', body: '' });
    const second = await askQuestion(deps, actorOf(asker), { id: community.id }, { kind: 'how', title: 'Wie betaalt de reiskosten?', body: '' });
    await postAnswer(deps, actorOf(bram), first.id, { body: 'Via het tolkencentrum.' });
    await processEventsSoFar(deps);
    await postAnswer(deps, actorOf(carla), second.id, { body: 'De gemeente.' });
    await processEventsSoFar(deps);
    const latest = await postAnswer(deps, actorOf(carla), first.id, { body: 'Of via beeldbellen.' });
    await processEventsSoFar(deps);

    const page = await listMyNotifications(deps, actorOf(asker), firstPage);
    assert.deepEqual(
      page.items.map((g) => [g.kind, g.title, g.total, g.unread, g.actorNames, g.actorCount]),
      [
        ['answer_posted', 'Hoe regel ik een tolk?', 2, 2, [carla.name, bram.name], 2],
        ['answer_posted', 'Wie betaalt de reiskosten?', 1, 1, [carla.name], 1],
      ],
    );
    assert.equal(page.items[0]!.url, `/vragen/${first.id}#antwoord-${latest.id}`);
    assert.equal(page.hasNext, false);
    assert.equal(await countUnread(deps, actorOf(asker)), 2, 'two groups have something unread');
    // Answering follows the question: Bram hears of Carla's later answer, never of his own.
    const brams = (await listMyNotifications(deps, actorOf(bram), firstPage)).items;
    assert.deepEqual(brams.map((g) => [g.kind, g.subjectId, g.total, g.actorNames]), [['answer_posted_followed', first.id, 1, [carla.name]]]);
  });

  it('marks one group read when it is opened, and all at once', async (t) => {
    const { deps, asker, bram, carla, community } = await world();
    t.after(() => deps.close());
    const one = await askQuestion(deps, actorOf(asker), { id: community.id }, { kind: 'what', title: 'Vraag een', body: '' });
    const two = await askQuestion(deps, actorOf(asker), { id: community.id }, { kind: 'what', title: 'Vraag twee', body: '' });
    await postAnswer(deps, actorOf(bram), one.id, { body: 'Antwoord.' });
    await postAnswer(deps, actorOf(carla), one.id, { body: 'Nog een antwoord.' });
    await postAnswer(deps, actorOf(bram), two.id, { body: 'Antwoord.' });
    await processEventsSoFar(deps);
    const groups = (await listMyNotifications(deps, actorOf(asker), firstPage)).items;
    const groupOne = groups.find((g) => g.subjectId === one.id)!;
    const opened = await openNotification(deps, actorOf(asker), groupOne.latestId);
    assert.match(opened.url, new RegExp(`^/vragen/${one.id}#antwoord-`));
    const after = (await listMyNotifications(deps, actorOf(asker), firstPage)).items;
    assert.deepEqual(after.map((g) => [g.subjectId, g.unread]).sort(), [[one.id, 0], [two.id, 1]].sort());
    assert.equal(await countUnread(deps, actorOf(asker)), 1);
    // Someone else's notification is not found, and marks nothing.
    await assert.rejects(openNotification(deps, actorOf(bram), after.find((g) => g.subjectId === two.id)!.latestId), (e) => isAppError(e) && e.status === 404);
    assert.equal(await countUnread(deps, actorOf(asker)), 1);
    await markAllNotificationsRead(deps, actorOf(asker));
    assert.equal(await countUnread(deps, actorOf(asker)), 0);
  });

  it('reads titles through the visibility rules at read time: a member who left a secret community no longer sees its groups', async (t) => {
    const { deps, asker, bram, carla, outsider, community } = await world();
    t.after(() => deps.close());
    const canary = `kanarie-${randomUUID().slice(0, 8)}`;
    const question = await askQuestion(deps, actorOf(asker), { id: community.id }, { kind: 'how', title: `Geheim ${canary}`, body: '' });
    const gone = await askQuestion(deps, actorOf(carla), { id: community.id }, { kind: 'how', title: `Verdwijnt ${canary}`, body: '' });
    await deps.db.insertInto('question_follows').values([{ question_id: question.id, user_id: carla.id, created_at: new Date() }, { question_id: question.id, user_id: outsider.id, created_at: new Date() }]).execute();
    await postAnswer(deps, actorOf(bram), question.id, { body: 'Een antwoord.' });
    await postAnswer(deps, actorOf(bram), gone.id, { body: 'Een antwoord.' });
    await processEventsSoFar(deps);
    const carlasBefore = (await listMyNotifications(deps, actorOf(carla), firstPage)).items;
    assert.deepEqual(carlasBefore.map((g) => g.kind).sort(), ['answer_posted', 'answer_posted_followed']);
    const followed = carlasBefore.find((g) => g.kind === 'answer_posted_followed')!;

    // A deleted question: gone for its asker.
    await deleteQuestion(deps, actorOf(carla), gone.id);
    assert.deepEqual((await listMyNotifications(deps, actorOf(carla), firstPage)).items.map((g) => g.kind), ['answer_posted_followed']);
    // She leaves the secret community: nothing of it is listed, counted or opened.
    await deps.db.deleteFrom('community_members').where('community_id', '=', community.id).where('user_id', '=', carla.id).execute();
    assert.deepEqual((await listMyNotifications(deps, actorOf(carla), firstPage)).items, []);
    assert.equal(await countUnread(deps, actorOf(carla)), 0);
    await assert.rejects(openNotification(deps, actorOf(carla), followed.latestId), (e) => isAppError(e) && e.status === 404);
    // The outsider's follow made nothing: the fan-out already left out who cannot see it.
    const outsiders = await listMyNotifications(deps, actorOf(outsider), firstPage);
    assert.ok(!JSON.stringify(outsiders).includes(canary));
    // The asker, still a member, still sees hers.
    assert.equal((await listMyNotifications(deps, actorOf(asker), firstPage)).items[0]?.title, `Geheim ${canary}`);
  });

  it('names nobody for a pseudonymous asker', async (t) => {
    const deps = await createTestDeps();
    t.after(() => deps.close());
    const org = await createTestOrganisation(deps);
    const asker = await createTestUser(deps, org.id);
    const answerer = await createTestUser(deps, org.id);
    const community = await createTestCommunity(deps, org.id, { allowPseudonymousQuestions: true, members: [{ userId: asker.id }, { userId: answerer.id }] });
    const question = await askQuestion(deps, actorOf(answerer), { id: community.id }, { kind: 'what', title: 'Wie weet dit?', body: '' });
    const anonymous = await askQuestion(deps, actorOf(asker), { id: community.id }, { kind: 'what', title: 'Anoniem gevraagd', body: '', isPseudonymous: true });
    await postAnswer(deps, actorOf(asker), question.id, { body: 'Ik, als vraagsteller elders.' });
    await deps.db.insertInto('question_follows').values({ question_id: anonymous.id, user_id: answerer.id, created_at: new Date() }).onConflict((oc) => oc.doNothing()).execute();
    await postAnswer(deps, actorOf(asker), anonymous.id, { body: 'Aanvulling van de vraagsteller.' });
    await processEventsSoFar(deps);
    const groups = (await listMyNotifications(deps, actorOf(answerer), firstPage)).items;
    const onAnonymous = groups.find((g) => g.subjectId === anonymous.id);
    assert.ok(onAnonymous, 'the follower hears of the answer');
    assert.deepEqual(onAnonymous.actorNames, []);
    assert.equal(groups.find((g) => g.subjectId === question.id)?.actorNames[0], asker.name);
  });
});

describe('notification preferences', () => {
  it('shows the defaults as chosen, and changes the channel of new notifications (off makes none)', async (t) => {
    const { deps, asker, bram, carla, community } = await world();
    t.after(() => deps.close());
    const initial = await getPreferences(deps, actorOf(asker));
    assert.deepEqual(initial.channels, { direct: 'immediate', activity: 'digest', community: 'digest', own_mail: 'in_app' });
    assert.deepEqual(initial.communities.map((c) => [c.id, c.setting]), [[community.id, 'default']]);

    const question = await askQuestion(deps, actorOf(asker), { id: community.id }, { kind: 'what', title: 'Kanalen', body: '' });
    const channelsOf = () => deps.db.selectFrom('notifications').select(['channel']).where('user_id', '=', asker.id).where('subject_id', '=', question.id).orderBy('created_at').execute();

    await savePreferences(deps, actorOf(asker), { ...defaults, direct: 'digest', communities: [{ communityId: community.id, setting: 'in_app' }] });
    await postAnswer(deps, actorOf(bram), question.id, { body: 'Een.' });
    await processEventsSoFar(deps);
    assert.deepEqual((await channelsOf()).map((r) => r.channel), ['in_app'], 'this community: only in Leerkring');

    const saved = await savePreferences(deps, actorOf(asker), { ...defaults, direct: 'off', digestFrequency: 'weekly', communities: [{ communityId: community.id, setting: 'default' }] });
    assert.equal(saved.channels.direct, 'off');
    assert.equal(saved.digestFrequency, 'weekly');
    assert.equal(saved.communities[0]?.setting, 'default');
    await postAnswer(deps, actorOf(carla), question.id, { body: 'Twee.' });
    await processEventsSoFar(deps);
    assert.equal((await channelsOf()).length, 1, 'off: no notification');

    // "Only in Leerkring" for a community never turns on a category that is off.
    await savePreferences(deps, actorOf(asker), { ...defaults, direct: 'off', communities: [{ communityId: community.id, setting: 'in_app' }] });
    const rows = await deps.db.selectFrom('notification_preferences').select(['category', 'community_id', 'channel']).where('user_id', '=', asker.id).execute();
    assert.deepEqual(rows.filter((r) => r.community_id === community.id && r.category === 'direct').map((r) => r.channel), ['off']);
    assert.equal((await getPreferences(deps, actorOf(asker))).communities[0]?.setting, 'in_app');
  });

  it('refuses a community the person is not a member of', async (t) => {
    const { deps, asker, org } = await world();
    t.after(() => deps.close());
    const other = await createTestCommunity(deps, org.id);
    await assert.rejects(
      savePreferences(deps, actorOf(asker), { ...defaults, communities: [{ communityId: other.id, setting: 'off' }] }),
      (e) => isAppError(e) && e.status === 422 && e.fields[0]?.field === 'communities',
    );
    assert.equal((await deps.db.selectFrom('notification_preferences').select('category').where('user_id', '=', asker.id).execute()).length, 0);
  });
});
