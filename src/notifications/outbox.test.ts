import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actorOf, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser } from '../../test/harness.ts';
import { askQuestion, editQuestion } from '../questions/questions.usecases.ts';
import { postAnswer } from '../questions/answers/answers.usecases.ts';
import { processOutbox } from './outbox.ts';

describe('from events to notifications', () => {
  it('an answer notifies the asker (at once) and followers (in the digest), never the answerer, and each event once', async (t) => {
    const deps = await createTestDeps();
    t.after(() => deps.close());
    const org = await createTestOrganisation(deps);
    const asker = await createTestUser(deps, org.id);
    const answerer = await createTestUser(deps, org.id);
    const follower = await createTestUser(deps, org.id);
    const outsider = await createTestUser(deps, org.id);
    const community = await createTestCommunity(deps, org.id, { visibility: 'secret', members: [asker, answerer, follower].map((u) => ({ userId: u.id })) });
    const question = await askQuestion(deps, actorOf(asker), { id: community.id }, { kind: 'how', title: 'Hoe pak ik dit aan?', body: 'Toelichting' });
    await deps.db.insertInto('question_follows').values([follower, outsider].map((u) => ({ question_id: question.id, user_id: u.id, created_at: new Date() }))).execute();
    await postAnswer(deps, actorOf(answerer), question.id, { body: 'Zo doe ik het.' });
    const now = new Date();
    await processOutbox(deps, now);
    await processOutbox(deps, now);
    const rows = await deps.db.selectFrom('notifications').select(['user_id', 'kind', 'channel']).where('subject_id', '=', question.id).orderBy('kind').execute();
    assert.deepEqual(rows.map((r) => [r.user_id === asker.id ? 'asker' : r.user_id === follower.id ? 'follower' : 'other', r.kind, r.channel]), [
      ['asker', 'answer_posted', 'immediate'],
      ['follower', 'answer_posted_followed', 'digest'],
    ]);
  });

  it('an edit tells the followers, unless the author ticked "minor edit"', async (t) => {
    const deps = await createTestDeps();
    t.after(() => deps.close());
    const org = await createTestOrganisation(deps);
    const asker = await createTestUser(deps, org.id);
    const follower = await createTestUser(deps, org.id);
    const community = await createTestCommunity(deps, org.id, { members: [asker, follower].map((u) => ({ userId: u.id })) });
    const question = await askQuestion(deps, actorOf(asker), { id: community.id }, { kind: 'how', title: 'Hoe pak ik dit aan?', body: 'Toelichting' });
    await deps.db.insertInto('question_follows').values({ question_id: question.id, user_id: follower.id, created_at: new Date() }).execute();
    await editQuestion(deps, actorOf(asker), question.id, { body: 'Toelichting, zonder typefout', minor: true });
    await processOutbox(deps, new Date());
    const edited = () => deps.db.selectFrom('notifications').select('user_id').where('subject_id', '=', question.id).where('kind', '=', 'question_edited').execute();
    assert.deepEqual(await edited(), []);
    await editQuestion(deps, actorOf(asker), question.id, { body: 'Een heel andere toelichting' });
    await processOutbox(deps, new Date());
    assert.deepEqual((await edited()).map((r) => r.user_id), [follower.id]);
  });
});
