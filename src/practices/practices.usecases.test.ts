import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { actorOf, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, type TestDeps } from '../../test/harness.ts';
import { publishFramework, saveDraft } from '../frameworks/frameworks.usecases.ts';
import { listCurrentLearningQuestions } from '../frameworks/frameworks.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { isAppError } from '../platform/errors.ts';
import { searchContent } from '../search/search.usecases.ts';
import { addComment, react, reportTried } from './contributions.usecases.ts';
import { getPracticeView } from './practice-view.usecases.ts';
import { deletePractice, editPractice, listPractices, setPracticeHidden, sharePractice, sharePracticeTo } from './practices.usecases.ts';
import type { PracticeListFilter } from './practices.models.ts';

const story = (title: string) => ({ title, situation: 'Een gezin met schulden wil niet praten.', action: 'Ik ging langs met koffie.', outcome: 'Ze vertelden meer.', learning: 'Tijd nemen werkt.', tags: ['Schulden', 'keukentafel'] });
const tried = (team: string, parentId: string | null = null) => ({ team, result: 'worked' as const, adapted: 'Met thee in plaats van koffie.', howItWent: 'Goed, het gesprek kwam op gang.', parentId });
const gallery: PracticeListFilter = { sort: 'newest', tag: '', learningQuestionId: null, page: 1, pageSize: 100 };
const uid = () => randomUUID().slice(0, 8);

/** The status (and field error, if any) a use case refused with. */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string; fields: string[] }> {
  try {
    await promise;
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { status: error.status, code: error.code, fields: error.fields.map((f) => `${f.field}:${f.code}`) };
  }
  assert.fail('expected the use case to refuse');
}

describe('practice stories: use cases', () => {
  let deps: TestDeps;
  before(async () => {
    deps = await createTestDeps();
  });
  after(() => deps.close());

  async function world() {
    const org = await createTestOrganisation(deps);
    const user = (name: string) => createTestUser(deps, org.id, { name: `${name} ${uid()}` });
    const [author, member, other, facilitator, outsider] = await Promise.all([user('Anna Auteur'), user('Bram Lid'), user('Carla Lid'), user('Fleur Facilitator'), user('Olaf Buiten')]);
    const community = await createTestCommunity(deps, org.id, {
      visibility: 'closed',
      members: [{ userId: author.id }, { userId: member.id }, { userId: other.id }, { userId: facilitator.id, role: 'facilitator' }],
    });
    return { org, community, ref: { id: community.id }, author: actorOf(author), member: actorOf(member), other: actorOf(other), facilitator: actorOf(facilitator), outsider: actorOf(outsider) };
  }

  const searchIds = async (actor: Actor, q: string) => (await searchContent(deps, actor, { q, page: 1, pageSize: 20 })).page.items.map((r) => r.url);
  const indexedIds = async (ids: string[]) => (await deps.db.selectFrom('search_documents').select('id').where('id', 'in', ids).execute()).map((r) => r.id).sort();
  const eventsOf = (name: string, practiceId: string) => deps.dispatched.filter((e) => e.name === name && e.payload.practiceId === practiceId);

  it('shares a story with and without a learning question; a learning question of another community is a field error and stores nothing', async () => {
    const w = await world();
    const manager = actorOf(await createTestUser(deps, w.org.id, { role: 'manager' }));
    const elsewhere = await createTestCommunity(deps, w.org.id);
    const framework = (text: string) => ({ purpose: 'Schulden eerder zien.', room: '', constraints: '', indicators: '', reviewDate: null, learningQuestions: [{ kind: 'how' as const, text }] });
    await saveDraft(deps, manager, w.ref, framework('Hoe herken je schulden vroeg?'));
    await publishFramework(deps, manager, w.ref, { changeNote: '' });
    await saveDraft(deps, manager, { id: elsewhere.id }, framework('Hoe bereik je jongeren?'));
    await publishFramework(deps, manager, { id: elsewhere.id }, { changeNote: '' });
    const [own] = await listCurrentLearningQuestions(deps.db, w.community.id);
    const [foreign] = await listCurrentLearningQuestions(deps.db, elsewhere.id);
    assert.ok(own && foreign);

    const plain = await sharePractice(deps, w.author, w.ref, { title: 'Koffie aan de keukentafel', situation: 'Schulden.', action: 'Langsgaan.' });
    const linked = await sharePractice(deps, w.author, w.ref, { ...story('Vroeg signaleren met de huisarts'), learningQuestionId: own.id });
    const view = await getPracticeView(deps, w.member, linked.id);
    assert.equal(view.practice.learningQuestionId, own.id);
    assert.equal(view.learningQuestion?.text, 'Hoe herken je schulden vroeg?');
    assert.deepEqual(view.practice.tags, ['schulden', 'keukentafel'], 'tags are normalised');
    const plainView = await getPracticeView(deps, w.member, plain.id);
    assert.deepEqual([plainView.practice.learningQuestionId, plainView.practice.outcome, plainView.practice.tags], [null, '', []]);
    assert.equal(eventsOf('practice.shared', linked.id)[0]?.payload.learningQuestionId, own.id);

    const title = `Verkeerde leervraag ${uid()}`;
    assert.deepEqual(await refusal(sharePractice(deps, w.author, w.ref, { ...story(title), learningQuestionId: foreign.id })), {
      status: 422, code: 'practices.learning_question_unknown', fields: ['learningQuestionId:practices.learning_question_unknown'],
    });
    assert.equal((await deps.db.selectFrom('practices').select('id').where('title', '=', title).execute()).length, 0, 'nothing stored');
    assert.equal((await deps.db.selectFrom('search_documents').select('id').where('title', '=', title).execute()).length, 0, 'nothing indexed');
    // Only members share.
    assert.equal((await refusal(sharePractice(deps, w.outsider, w.ref, story('Van buiten de gemeenschap')))).status, 403, 'the closed community is visible to its organisation, but only members share');
  });

  it('lets only the author edit; deleting makes the story gone for everyone and out of search', async () => {
    const w = await world();
    const word = `koffiekop${uid()}`;
    const { id } = await sharePractice(deps, w.author, w.ref, story(`Een ${word} op tafel`));
    assert.deepEqual(await searchIds(w.member, word), [`/praktijk/${id}`]);
    assert.equal((await refusal(editPractice(deps, w.member, id, { title: 'Overgenomen door een ander' }))).status, 403);
    assert.equal((await refusal(editPractice(deps, w.facilitator, id, { title: 'Overgenomen door een ander' }))).status, 403, 'moderators hide, they do not rewrite');
    const newWord = `theepot${uid()}`;
    await editPractice(deps, w.author, id, { title: `Een ${newWord} op tafel`, tags: ['Thee'] });
    const edited = await getPracticeView(deps, w.member, id);
    assert.equal(edited.practice.title, `Een ${newWord} op tafel`);
    assert.equal(edited.practice.situation, story('').situation, 'untouched fields stay');
    assert.deepEqual(edited.practice.tags, ['thee']);
    assert.ok(edited.practice.editedAt);
    assert.deepEqual(await searchIds(w.member, newWord), [`/praktijk/${id}`], 'the index follows the edit');
    assert.deepEqual(await searchIds(w.member, word), []);
    assert.equal(eventsOf('practice.edited', id).length, 1);

    assert.equal((await refusal(deletePractice(deps, w.member, id))).status, 403);
    await deletePractice(deps, w.author, id);
    for (const actor of [w.author, w.member, w.facilitator]) assert.equal((await refusal(getPracticeView(deps, actor, id))).status, 404);
    assert.deepEqual(await indexedIds([id]), []);
    assert.ok(!(await listPractices(deps, w.member, w.ref, gallery)).page.items.some((p) => p.id === id));
    assert.equal(eventsOf('practice.deleted', id).length, 1);
  });

  it('hides a story for everyone but its author (who sees the reason) and the facilitator, out of search; showing it puts it back', async () => {
    const w = await world();
    const word = `wijkkompas${uid()}`;
    const { id } = await sharePractice(deps, w.author, w.ref, story(`Het ${word} gebruiken`));
    assert.equal((await refusal(setPracticeHidden(deps, w.member, id, { reason: 'Dit hoort hier niet.' }))).status, 403);
    await setPracticeHidden(deps, w.facilitator, id, { reason: 'Bevat namen van cliënten.' });
    const own = await getPracticeView(deps, w.author, id);
    assert.equal(own.practice.hiddenReason, 'Bevat namen van cliënten.');
    assert.equal(own.can.edit, false);
    assert.equal((await getPracticeView(deps, w.facilitator, id)).practice.hiddenReason, 'Bevat namen van cliënten.');
    assert.equal((await refusal(getPracticeView(deps, w.member, id))).status, 404);
    assert.deepEqual(await searchIds(w.member, word), []);
    assert.deepEqual(await searchIds(w.author, word), [], 'not even the author finds it');
    assert.ok(!(await listPractices(deps, w.member, w.ref, gallery)).page.items.some((p) => p.id === id));
    assert.equal((await refusal(react(deps, w.member, id, { kind: 'recognise', on: true }))).status, 404);

    await setPracticeHidden(deps, w.facilitator, id, null);
    assert.equal((await getPracticeView(deps, w.member, id)).practice.hiddenAt, null);
    assert.deepEqual(await searchIds(w.member, word), [`/praktijk/${id}`]);
    assert.ok((await listPractices(deps, w.member, w.ref, gallery)).page.items.some((p) => p.id === id));
    assert.deepEqual([eventsOf('practice.hidden', id).length, eventsOf('practice.unhidden', id).length], [1, 1]);
  });

  it('reacts "recognise" and "will try" on and off, idempotently, counting exactly the rows; not on your own story', async () => {
    const w = await world();
    const { id } = await sharePractice(deps, w.author, w.ref, story('Herkenbaar verhaal over wachtlijsten'));
    const counts = async () => {
      const p = await deps.db.selectFrom('practices').select(['recognised_count', 'will_try_count']).where('id', '=', id).executeTakeFirstOrThrow();
      const rows = await deps.db.selectFrom('practice_reactions').select('kind').where('practice_id', '=', id).execute();
      assert.deepEqual([p.recognised_count, p.will_try_count], [rows.filter((r) => r.kind === 'recognise').length, rows.filter((r) => r.kind === 'will_try').length], 'counts equal rows');
      return [p.recognised_count, p.will_try_count];
    };
    await react(deps, w.member, id, { kind: 'recognise', on: true });
    await react(deps, w.member, id, { kind: 'recognise', on: true });
    await react(deps, w.member, id, { kind: 'will_try', on: true });
    await react(deps, w.other, id, { kind: 'recognise', on: true });
    assert.deepEqual(await counts(), [2, 1]);
    assert.deepEqual((await getPracticeView(deps, w.member, id)).myReactions.sort(), ['recognise', 'will_try']);
    await react(deps, w.member, id, { kind: 'recognise', on: false });
    await react(deps, w.member, id, { kind: 'recognise', on: false });
    await react(deps, w.other, id, { kind: 'will_try', on: false });
    assert.deepEqual(await counts(), [1, 1]);
    assert.equal(eventsOf('practice.reacted', id).length, 4, 'a repeated click is no event');

    assert.deepEqual(await refusal(react(deps, w.author, id, { kind: 'recognise', on: true })), { status: 422, code: 'practices.own_reaction', fields: ['kind:practices.own_reaction'] });
    assert.equal((await refusal(react(deps, w.outsider, id, { kind: 'recognise', on: true }))).status, 403, 'readable, but only members take part');
    assert.deepEqual(await counts(), [1, 1]);
  });

  it('takes remarks and alternatives, and tried reports from the story and from a report; a parent of another story is not found', async () => {
    const w = await world();
    const { id } = await sharePractice(deps, w.author, w.ref, story('Samen met de huisarts signaleren'));
    const other = await sharePractice(deps, w.author, w.ref, story('Een ander verhaal over signaleren'));
    const remark = await addComment(deps, w.member, id, { kind: 'comment', body: 'Herkenbaar, wij doen het ook zo.' });
    const alternative = await addComment(deps, w.other, id, { kind: 'alternative', body: 'Ik zou eerst de POH bellen.' });
    const first = await reportTried(deps, w.member, id, tried('Wijkteam Noord'));
    const second = await reportTried(deps, w.other, id, tried('Wijkteam Zuid', first.id));
    const third = await reportTried(deps, w.facilitator, id, tried('Jeugdteam', second.id));
    const elsewhere = await reportTried(deps, w.member, other.id, tried('Wijkteam Noord'));

    const view = await getPracticeView(deps, w.author, id);
    assert.deepEqual(view.comments.map((c) => c.id), [remark.id]);
    assert.deepEqual(view.alternatives.map((c) => c.id), [alternative.id]);
    assert.equal(view.practice.commentCount, 2);
    assert.equal(view.practice.triedCount, 3);
    const root = view.trail[0]!;
    assert.equal(view.trail.length, 1);
    assert.deepEqual([root.entry.id, root.entry.depth, root.entry.parentId], [first.id, 0, null]);
    assert.deepEqual([root.children[0]!.entry.id, root.children[0]!.entry.depth, root.children[0]!.entry.parentId], [second.id, 1, first.id]);
    assert.deepEqual([root.children[0]!.children[0]!.entry.id, root.children[0]!.children[0]!.entry.depth], [third.id, 2]);
    assert.deepEqual(view.summary, { reports: 3, teams: 3, organisations: 1 });

    assert.deepEqual(await refusal(reportTried(deps, w.other, id, tried('Wijkteam West', elsewhere.id))), { status: 404, code: 'practices.try_not_found', fields: [] });
    assert.deepEqual(await refusal(reportTried(deps, w.other, id, tried('Wijkteam West', randomUUID()))), { status: 404, code: 'practices.try_not_found', fields: [] });
    assert.equal((await getPracticeView(deps, w.author, id)).practice.triedCount, 3, 'a refused report counts nothing');
    const triedEvent = deps.dispatched.find((e) => e.name === 'practice.tried' && e.payload.tryId === second.id);
    assert.deepEqual(
      { parent: triedEvent?.payload.parentTryId, parentAuthor: triedEvent?.payload.parentAuthorId, author: triedEvent?.payload.authorId, actor: triedEvent?.payload.actorId },
      { parent: first.id, parentAuthor: w.member.userId, author: w.author.userId, actor: w.other.userId },
    );
    assert.equal(eventsOf('practice.commented', id).length, 2);
  });

  it('shares to another community only when both allow it and the actor is an active member there; it then shows in that gallery and search', async () => {
    const w = await world();
    const otherOrg = await createTestOrganisation(deps);
    const reader = actorOf(await createTestUser(deps, otherOrg.id));
    const target = await createTestCommunity(deps, otherOrg.id, { visibility: 'open', members: [{ userId: w.author.userId }, { userId: reader.userId }] });
    const requested = await createTestCommunity(deps, otherOrg.id, { visibility: 'open', members: [{ userId: w.author.userId, status: 'requested' }] });
    const secretElsewhere = await createTestCommunity(deps, otherOrg.id, { visibility: 'secret' });
    const word = `buurtgezin${uid()}`;
    const { id } = await sharePractice(deps, w.author, w.ref, story(`Een ${word} helpen`));
    assert.deepEqual(await searchIds(reader, word), [], 'not yet: the reader cannot see the closed home community');
    assert.equal((await refusal(getPracticeView(deps, reader, id))).status, 404);

    const invalid = { status: 422, code: 'practices.share_target_invalid', fields: ['communityId:practices.share_target_invalid'] };
    for (const communityId of [requested.id, secretElsewhere.id, w.community.id, randomUUID()]) assert.deepEqual(await refusal(sharePracticeTo(deps, w.author, id, { communityId })), invalid, communityId);
    const notAllowed = { status: 422, code: 'practices.sharing_not_allowed', fields: ['communityId:practices.sharing_not_allowed'] };
    const allow = (communityId: string, value: boolean) => deps.db.updateTable('communities').set({ allow_practice_sharing: value }).where('id', '=', communityId).execute();
    await allow(target.id, false);
    assert.deepEqual(await refusal(sharePracticeTo(deps, w.author, id, { communityId: target.id })), notAllowed, 'the target does not allow it');
    await allow(target.id, true);
    await allow(w.community.id, false);
    assert.deepEqual(await refusal(sharePracticeTo(deps, w.author, id, { communityId: target.id })), notAllowed, 'the home community does not allow it');
    await allow(w.community.id, true);
    assert.equal((await deps.db.selectFrom('practice_shares').select('id').where('practice_id', '=', id).execute()).length, 0, 'nothing shared by the refusals');
    assert.equal((await refusal(sharePracticeTo(deps, w.outsider, id, { communityId: target.id }))).status, 403, 'a non-member of the home community');
    // A colleague in the story's own community may not carry it elsewhere, even into a community of theirs.
    await deps.db.insertInto('community_members').values({ community_id: target.id, user_id: w.member.userId, status: 'active', role: 'member' }).execute();
    assert.equal((await refusal(sharePracticeTo(deps, w.member, id, { communityId: target.id }))).status, 403, 'only the author shares further');

    await sharePracticeTo(deps, w.author, id, { communityId: target.id });
    await sharePracticeTo(deps, w.author, id, { communityId: target.id });
    assert.equal((await deps.db.selectFrom('practice_shares').select('id').where('practice_id', '=', id).execute()).length, 1, 'sharing twice is once');
    assert.equal(eventsOf('practice.cross_shared', id).length, 1);
    const listed = (await listPractices(deps, reader, { id: target.id }, gallery)).page.items;
    assert.deepEqual(listed.map((p) => p.id), [id]);
    assert.deepEqual(await searchIds(reader, word), [`/praktijk/${id}`]);
    const seen = await getPracticeView(deps, reader, id);
    assert.deepEqual(seen.sharedIn.map((c) => c.id), [target.id]);
    assert.equal(seen.can.tryIt, true, 'a member of the target community takes part');
    await react(deps, reader, id, { kind: 'will_try', on: true });

    // Hiding and deleting take every copy out of search.
    await setPracticeHidden(deps, w.facilitator, id, { reason: 'Even niet zichtbaar.' });
    assert.deepEqual(await searchIds(reader, word), []);
    assert.equal((await refusal(getPracticeView(deps, reader, id))).status, 404);
    await setPracticeHidden(deps, w.facilitator, id, null);
    assert.deepEqual(await searchIds(reader, word), [`/praktijk/${id}`]);
    await deletePractice(deps, w.author, id);
    assert.deepEqual(await searchIds(reader, word), []);
    assert.deepEqual(await searchIds(w.member, word), []);
  });

  it('keeps the tried count and the trail consistent under 30 parallel reports, some built on reports', async () => {
    const w = await world();
    const reporters = await Promise.all(Array.from({ length: 30 }, () => createTestUser(deps, w.org.id)));
    await deps.db.insertInto('community_members').values(reporters.map((r) => ({ community_id: w.community.id, user_id: r.id, role: 'member' as const, status: 'active' as const, message: '', decided_at: new Date() }))).execute();
    const { id } = await sharePractice(deps, w.author, w.ref, story('Verhaal dat iedereen tegelijk probeert'));
    const base = await reportTried(deps, w.member, id, tried('Basisteam'));
    const built = await reportTried(deps, w.other, id, tried('Tweede team', base.id));
    const parents = [null, base.id, built.id];
    const results = await Promise.all(reporters.map((r, i) => reportTried(deps, actorOf(r), id, tried(`Team ${i}`, parents[i % 3]))));

    const p = await deps.db.selectFrom('practices').select('tried_count').where('id', '=', id).executeTakeFirstOrThrow();
    const rows = await deps.db.selectFrom('practice_tries').select(['id', 'parent_id', 'practice_id', 'depth']).where('practice_id', '=', id).execute();
    assert.equal(rows.length, 32);
    assert.equal(p.tried_count, rows.length, 'the counter equals the rows');
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const { id: reportId } of results) assert.ok(byId.has(reportId), 'every report is there');
    for (const row of rows) {
      if (!row.parent_id) {
        assert.equal(row.depth, 0);
        continue;
      }
      const parent = byId.get(row.parent_id);
      assert.ok(parent, 'every parent exists, in the same story');
      assert.equal(row.depth, parent.depth + 1);
    }
    const view = await getPracticeView(deps, w.author, id);
    const count = (nodes: typeof view.trail): number => nodes.reduce((n, node) => n + 1 + count(node.children), 0);
    assert.equal(count(view.trail), 32, 'the page shows every report in the tree');
    assert.equal(view.summary.reports, 32);
  });

  it('keeps reaction counts equal to rows under parallel toggles by the same and by different people', async () => {
    const w = await world();
    const people = await Promise.all(Array.from({ length: 8 }, () => createTestUser(deps, w.org.id)));
    await deps.db.insertInto('community_members').values(people.map((r) => ({ community_id: w.community.id, user_id: r.id, role: 'member' as const, status: 'active' as const, message: '', decided_at: new Date() }))).execute();
    const { id } = await sharePractice(deps, w.author, w.ref, story('Verhaal om snel op te klikken'));
    const clicks: Promise<void>[] = [];
    for (const [i, person] of people.entries()) {
      for (let n = 0; n < 6; n++) clicks.push(react(deps, actorOf(person), id, { kind: n % 2 === 0 ? 'recognise' : 'will_try', on: (n + i) % 3 !== 0 }));
    }
    // The same person, hammering one button.
    for (let n = 0; n < 12; n++) clicks.push(react(deps, w.member, id, { kind: 'recognise', on: n % 2 === 0 }));
    await Promise.all(clicks);

    const p = await deps.db.selectFrom('practices').select(['recognised_count', 'will_try_count']).where('id', '=', id).executeTakeFirstOrThrow();
    const rows = await deps.db.selectFrom('practice_reactions').select(['kind', 'user_id']).where('practice_id', '=', id).execute();
    assert.equal(p.recognised_count, rows.filter((r) => r.kind === 'recognise').length);
    assert.equal(p.will_try_count, rows.filter((r) => r.kind === 'will_try').length);
    assert.ok(rows.length > 0);
  });
});
