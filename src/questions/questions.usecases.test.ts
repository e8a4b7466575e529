import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { actorOf, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, testDatabaseUrl, type TestDeps } from '../../test/harness.ts';
import type { Database } from '../platform/db/schema.ts';
import type { DomainEvent } from '../platform/events/events.ts';
import { postAnswer, setAcceptedAnswer, setAnswerHidden, setHelped, deleteAnswer } from './answers/answers.usecases.ts';
import { postComment } from './comments/comments.usecases.ts';
import { closeAsDuplicate, deleteQuestion, inviteToAnswer, reopenQuestion, setQuestionHidden } from './moderation.usecases.ts';
import { getQuestionView } from './question-view.usecases.ts';
import type { QuestionListFilter } from './questions.models.ts';
import { askQuestion, editQuestion, listMyQuestions, listQuestionRevisions, listQuestions, prepareAsk } from './questions.usecases.ts';
import { getCurrentFramework, publishFramework, saveDraft } from '../frameworks/frameworks.usecases.ts';

const ask = { kind: 'how' as const, title: 'Hoe bespreek je schulden aan de keukentafel?', body: 'Ik zoek een **aanpak**.', tags: ['Schulden', 'wmo'] };
const listFilter: QuestionListFilter = { filter: 'all', sort: 'newest', tag: '', learningQuestionId: null, page: 1, pageSize: 20 };

describe('questions use cases', () => {
  let deps: TestDeps;
  const events: DomainEvent[] = [];

  before(async () => {
    deps = await createTestDeps();
    deps.events.subscribe({ event: '*', name: 'test', handle: async (event) => void events.push(event) });
  });
  after(() => deps.close());

  async function world(options: { allowPseudonymousQuestions?: boolean } = {}) {
    const org = await createTestOrganisation(deps);
    const [asker, answerer, facilitator, other, outsider] = await Promise.all([
      createTestUser(deps, org.id, { name: 'Anna Vrager' }),
      createTestUser(deps, org.id, { name: 'Bram Weter', expertise: ['Schulden'] }),
      createTestUser(deps, org.id, { name: 'Fleur Facilitator' }),
      createTestUser(deps, org.id, { name: 'Olaf Lid' }),
      createTestUser(deps, org.id, { name: 'Niet Lid' }),
    ]);
    const community = await createTestCommunity(deps, org.id, {
      visibility: 'closed',
      allowPseudonymousQuestions: options.allowPseudonymousQuestions,
      members: [{ userId: asker.id }, { userId: answerer.id }, { userId: facilitator.id, role: 'facilitator' }, { userId: other.id }],
    });
    return { org, community, asker: actorOf(asker), answerer: actorOf(answerer), facilitator: actorOf(facilitator), other: actorOf(other), outsider: actorOf(outsider) };
  }

  it('asks, answers, comments and accepts, keeping counters and events in step', async () => {
    const w = await world();
    const { id } = await askQuestion(deps, w.asker, { id: w.community.id }, ask);
    assert.ok(events.some((e) => e.name === 'question.asked' && e.payload.questionId === id));
    const answer = await postAnswer(deps, w.answerer, id, { body: 'Begin met luisteren, @Anna Vrager.' });
    assert.ok(events.some((e) => e.name === 'mention' && (e.payload.userIds as string[]).includes(w.asker.userId)), 'an @mention of a member is announced');
    await postComment(deps, w.other, { answerId: answer.id }, { body: 'Goed punt!' });
    await setAcceptedAnswer(deps, w.asker, id, answer.id);

    const view = await getQuestionView(deps, w.other, id, 1);
    assert.equal(view.context.question.answerCount, 1);
    assert.equal(view.accepted?.id, answer.id);
    assert.deepEqual(view.context.question.tags, ['schulden', 'wmo']);
    assert.equal(view.accepted?.comments[0]?.body, 'Goed punt!');
    assert.equal(view.askerName, 'Anna Vrager');
    assert.ok(events.some((e) => e.name === 'answer.accepted'));
  });

  it('lets members read and non-members of a closed community read but not take part; others get not found', async () => {
    const w = await world();
    const { id } = await askQuestion(deps, w.asker, { id: w.community.id }, ask);
    await getQuestionView(deps, w.outsider, id, 1);
    await assert.rejects(postAnswer(deps, w.outsider, id, { body: 'Ik ben geen lid' }), { code: 'questions.members_only' });
    const stranger = actorOf(await createTestUser(deps, (await createTestOrganisation(deps)).id));
    await assert.rejects(getQuestionView(deps, stranger, id, 1), { code: 'questions.not_found' });
    await assert.rejects(askQuestion(deps, w.outsider, { id: w.community.id }, ask), { code: 'questions.members_only' });
  });

  it('only the asker or a moderator accepts', async () => {
    const w = await world();
    const { id } = await askQuestion(deps, w.asker, { id: w.community.id }, ask);
    const answer = await postAnswer(deps, w.answerer, id, { body: 'Een antwoord' });
    await assert.rejects(setAcceptedAnswer(deps, w.other, id, answer.id), { code: 'questions.forbidden' });
    await setAcceptedAnswer(deps, w.facilitator, id, answer.id);
    await setAcceptedAnswer(deps, w.asker, id, null);
    assert.equal((await getQuestionView(deps, w.asker, id, 1)).context.question.acceptedAnswerId, null);
  });

  it('keeps "this helped" counts equal to the rows under 50 parallel toggles', async () => {
    const w = await world();
    const { id } = await askQuestion(deps, w.asker, { id: w.community.id }, ask);
    const answer = await postAnswer(deps, w.answerer, id, { body: 'Een antwoord' });
    const helpers = await Promise.all(Array.from({ length: 25 }, () => createTestUser(deps, w.org.id)));
    await deps.db.insertInto('community_members').values(helpers.map((h) => ({ community_id: w.community.id, user_id: h.id, role: 'member', status: 'active' }))).execute();
    // Each helper clicks twice at once (on, on) and some take it back in the same burst; plus accept calls racing.
    const calls = helpers.flatMap((h, i) => [setHelped(deps, actorOf(h), answer.id, true), i % 3 === 0 ? setHelped(deps, actorOf(h), answer.id, false) : setHelped(deps, actorOf(h), answer.id, true)]);
    await Promise.all([...calls, setAcceptedAnswer(deps, w.asker, id, answer.id), setAcceptedAnswer(deps, w.facilitator, id, answer.id)]);
    const rows = await deps.db.selectFrom('answer_helped').select((eb) => eb.fn.countAll<string>().as('n')).where('answer_id', '=', answer.id).executeTakeFirstOrThrow();
    const counters = await deps.db.selectFrom('answers').innerJoin('questions', 'questions.id', 'answers.question_id').select(['answers.helped_count as a', 'questions.helped_count as q']).where('answers.id', '=', answer.id).executeTakeFirstOrThrow();
    assert.equal(counters.a, Number(rows.n));
    assert.equal(counters.q, Number(rows.n));
    assert.ok(Number(rows.n) > 0);
    await assert.rejects(setHelped(deps, w.answerer, answer.id, true), { code: 'questions.forbidden' }, 'not on your own answer');
  });

  it('keeps every edit as a revision and shows who made it', async () => {
    const w = await world();
    const { id } = await askQuestion(deps, w.asker, { id: w.community.id }, ask);
    await editQuestion(deps, w.asker, id, { body: 'Ik zoek een aanpak voor schulden.' });
    await assert.rejects(editQuestion(deps, w.other, id, { body: 'Niet van mij' }), { code: 'questions.forbidden' });
    const { revisions } = await listQuestionRevisions(deps, w.other, id);
    assert.deepEqual(revisions.map((r) => [r.editorName, r.body]), [['Anna Vrager', ask.body], ['Anna Vrager', 'Ik zoek een aanpak voor schulden.']]);
  });

  it('hides a pseudonymous asker from members everywhere, but not from facilitators', async () => {
    const w = await world({ allowPseudonymousQuestions: true });
    const { id } = await askQuestion(deps, w.asker, { id: w.community.id }, { ...ask, isPseudonymous: true });
    await postAnswer(deps, w.asker, id, { body: 'Aanvulling van mij' });
    await postComment(deps, w.asker, { questionId: id }, { body: 'Nog een detail' });
    await editQuestion(deps, w.asker, id, { body: 'Bewerkt' });

    const member = await getQuestionView(deps, w.other, id, 1);
    assert.equal(member.askerName, null);
    assert.equal(member.answers[0]?.authorName, null);
    assert.equal(member.answers[0]?.authorId, null);
    assert.equal(member.comments[0]?.authorName, null);
    assert.ok((await listQuestionRevisions(deps, w.other, id)).revisions.every((r) => r.editorName === null));
    const listed = await listQuestions(deps, w.other, { id: w.community.id }, listFilter);
    assert.equal(listed.page.items[0]?.authorName, null);
    assert.equal(listed.page.items[0]?.authorId, null);
    assert.ok(!JSON.stringify({ member, listed }).includes(w.asker.userId), 'the asker id appears nowhere in the member views');

    assert.equal((await getQuestionView(deps, w.facilitator, id, 1)).askerName, 'Anna Vrager');
    assert.equal((await getQuestionView(deps, w.asker, id, 1)).askerName, 'Anna Vrager');
  });

  it('shows a pseudonymous asker to facilitators only, not to administrators of the organisation', async () => {
    const w = await world({ allowPseudonymousQuestions: true });
    const admin = actorOf(await createTestUser(deps, w.org.id, { role: 'admin' }));
    const { id } = await askQuestion(deps, w.asker, { id: w.community.id }, { ...ask, isPseudonymous: true });
    const view = await getQuestionView(deps, admin, id, 1);
    assert.equal(view.can.moderate, true, 'the administrator does moderate');
    assert.equal(view.askerName, null);
    assert.equal((await listQuestions(deps, admin, { id: w.community.id }, listFilter)).page.items[0]?.authorName, null);
    const asked = events.find((e) => e.name === 'question.asked' && e.payload.questionId === id);
    assert.equal(asked?.payload.isPseudonymous, true);
    const answer = await postAnswer(deps, w.answerer, id, { body: 'Een antwoord' });
    await setAcceptedAnswer(deps, w.asker, id, answer.id);
    const accepted = events.find((e) => e.name === 'answer.accepted' && e.payload.questionId === id);
    assert.equal(accepted?.payload.byPseudonymousAsker, true, 'notifications can name the actor "the asker"');
  });

  it('keeps the search index in step: an edited title reaches the answers, a hidden question keeps its answers out', async () => {
    const w = await world();
    const { id } = await askQuestion(deps, w.asker, { id: w.community.id }, ask);
    const answer = await postAnswer(deps, w.answerer, id, { body: 'Een antwoord' });
    await editQuestion(deps, w.asker, id, { title: 'Hoe voer je een goed gesprek over geldzorgen?' });
    const doc = await deps.db.selectFrom('search_documents').select(['title']).where('id', '=', answer.id).executeTakeFirstOrThrow();
    assert.equal(doc.title, 'Hoe voer je een goed gesprek over geldzorgen?');

    await setAnswerHidden(deps, w.facilitator, answer.id, { reason: 'Persoonsgegevens' });
    await setQuestionHidden(deps, w.facilitator, id, { reason: 'Hoort hier niet' });
    await setAnswerHidden(deps, w.facilitator, answer.id, null);
    const indexed = await deps.db.selectFrom('search_documents').select('id').where('id', 'in', [id, answer.id]).execute();
    assert.deepEqual(indexed, [], 'nothing of a hidden question is searchable');
    await setQuestionHidden(deps, w.facilitator, id, null);
    assert.equal((await deps.db.selectFrom('search_documents').select('id').where('id', 'in', [id, answer.id]).execute()).length, 2);
  });

  it('links a question to a learning question of the community\'s current framework, and only that', async () => {
    const w = await world();
    const manager = actorOf(await createTestUser(deps, w.org.id, { role: 'manager' }));
    const ref = { id: w.community.id };
    await saveDraft(deps, manager, ref, { purpose: 'Schulden eerder zien.', room: '', constraints: '', indicators: '', reviewDate: null, learningQuestions: [{ kind: 'how', text: 'Hoe herken je schulden vroeg?' }] });
    const framework = await publishFramework(deps, manager, ref, { changeNote: '' });
    const learningQuestionId = framework.learningQuestions[0]!.id;
    assert.deepEqual((await prepareAsk(deps, w.asker, ref)).learningQuestions.map((lq) => lq.id), [learningQuestionId]);

    const { id } = await askQuestion(deps, w.asker, ref, { ...ask, learningQuestionId });
    assert.deepEqual((await getQuestionView(deps, w.other, id, 1)).learningQuestion, { id: learningQuestionId, kind: 'how', text: 'Hoe herken je schulden vroeg?' });
    assert.deepEqual((await listQuestions(deps, w.other, ref, { ...listFilter, learningQuestionId })).page.items.map((q) => q.id), [id]);
    await postAnswer(deps, w.answerer, id, { body: 'Een antwoord' });
    await askQuestion(deps, w.other, ref, { ...ask, title: 'Nog een vraag bij dezelfde leervraag?', learningQuestionId });
    const signals = (await getCurrentFramework(deps, w.other, ref)).signals.get(learningQuestionId);
    assert.deepEqual({ ...signals, lastActivityAt: undefined }, { asked: 2, answered: 1, solved: 0, lastActivityAt: undefined }, 'aggregates on the framework page');

    const elsewhere = await world();
    await assert.rejects(askQuestion(deps, elsewhere.asker, { id: elsewhere.community.id }, { ...ask, learningQuestionId }), { code: 'questions.learning_question_unknown' });
  });

  it('refuses a pseudonymous question where the community does not allow it', async () => {
    const w = await world();
    await assert.rejects(askQuestion(deps, w.asker, { id: w.community.id }, { ...ask, isPseudonymous: true }), { code: 'questions.pseudonym_not_allowed' });
  });

  it('hides with a reason the author sees; others get not found; answers leave the counts', async () => {
    const w = await world();
    const { id } = await askQuestion(deps, w.asker, { id: w.community.id }, ask);
    const answer = await postAnswer(deps, w.answerer, id, { body: 'Met een inwonersnaam' });
    await assert.rejects(setAnswerHidden(deps, w.other, answer.id, { reason: 'Persoonsgegevens' }), { code: 'questions.forbidden' });
    await setAnswerHidden(deps, w.facilitator, answer.id, { reason: 'Persoonsgegevens' });
    assert.equal((await getQuestionView(deps, w.other, id, 1)).answers.length, 0);
    const own = await getQuestionView(deps, w.answerer, id, 1);
    assert.equal(own.answers[0]?.hiddenReason, 'Persoonsgegevens');
    assert.equal(own.context.question.answerCount, 0);

    await setQuestionHidden(deps, w.facilitator, id, { reason: 'Hoort hier niet' });
    await assert.rejects(getQuestionView(deps, w.other, id, 1), { code: 'questions.not_found' });
    assert.equal((await getQuestionView(deps, w.asker, id, 1)).context.question.hiddenReason, 'Hoort hier niet');
    await setQuestionHidden(deps, w.facilitator, id, null);
    await getQuestionView(deps, w.other, id, 1);
  });

  it('deletes softly: the author only, gone for everyone', async () => {
    const w = await world();
    const { id } = await askQuestion(deps, w.asker, { id: w.community.id }, ask);
    const answer = await postAnswer(deps, w.answerer, id, { body: 'Weg ermee' });
    await assert.rejects(deleteAnswer(deps, w.other, answer.id), { code: 'questions.forbidden' });
    await deleteAnswer(deps, w.answerer, answer.id);
    assert.equal((await getQuestionView(deps, w.answerer, id, 1)).answers.length, 0);
    await deleteQuestion(deps, w.asker, id);
    await assert.rejects(getQuestionView(deps, w.asker, id, 1), { code: 'questions.not_found' });
    assert.equal((await deps.db.selectFrom('search_documents').select('id').where('id', 'in', [id, answer.id]).execute()).length, 0, 'and out of search');
  });

  it('closes as duplicate of a question in the same community and reopens', async () => {
    const w = await world();
    const first = await askQuestion(deps, w.asker, { id: w.community.id }, ask);
    const second = await askQuestion(deps, w.other, { id: w.community.id }, { ...ask, title: 'Schulden bespreken aan de keukentafel, hoe?' });
    await assert.rejects(closeAsDuplicate(deps, w.other, second.id, { duplicateOf: second.id }), { code: 'questions.duplicate_target_invalid' });
    await closeAsDuplicate(deps, w.facilitator, second.id, { duplicateOf: first.id });
    const view = await getQuestionView(deps, w.other, second.id, 1);
    assert.equal(view.context.question.duplicateOf?.id, first.id);
    await assert.rejects(postAnswer(deps, w.answerer, second.id, { body: 'Te laat' }), { code: 'questions.closed_error' });
    await reopenQuestion(deps, w.other, second.id);
    await postAnswer(deps, w.answerer, second.id, { body: 'Nu wel' });
  });

  it('invites members to answer once each; non-members are refused', async () => {
    const w = await world();
    const { id } = await askQuestion(deps, w.asker, { id: w.community.id }, ask);
    assert.deepEqual(await inviteToAnswer(deps, w.asker, id, { userIds: [w.answerer.userId, w.other.userId] }), { invited: 2 });
    assert.deepEqual(await inviteToAnswer(deps, w.asker, id, { userIds: [w.answerer.userId] }), { invited: 0 });
    await assert.rejects(inviteToAnswer(deps, w.asker, id, { userIds: [w.outsider.userId] }), { code: 'questions.invitees_invalid' });
    assert.ok(events.some((e) => e.name === 'invited_to_answer' && (e.payload.inviteeIds as string[]).length === 2));
  });

  it('lists with filters, and finds open questions matching my expertise', async () => {
    const w = await world();
    const a = await askQuestion(deps, w.asker, { id: w.community.id }, ask);
    const b = await askQuestion(deps, w.other, { id: w.community.id }, { ...ask, title: 'Wat zegt de Participatiewet hierover?', kind: 'what', tags: ['participatiewet'] });
    await postAnswer(deps, w.answerer, b.id, { body: 'Artikel 8' });
    const ids = async (filter: Partial<typeof listFilter>, actor = w.asker) => (await listQuestions(deps, actor, { id: w.community.id }, { ...listFilter, ...filter })).page.items.map((q) => q.id);
    assert.deepEqual(await ids({}), [b.id, a.id]);
    assert.deepEqual(await ids({ filter: 'unanswered' }), [a.id]);
    assert.deepEqual(await ids({ filter: 'mine' }), [a.id]);
    assert.deepEqual(await ids({ tag: 'participatiewet' }), [b.id]);
    assert.deepEqual(await ids({ sort: 'active' }), [b.id, a.id]);
    const answerable = await listMyQuestions(deps, w.answerer, 'answerable', { page: 1, pageSize: 20 });
    assert.deepEqual(answerable.page.items.map((q) => q.id), [a.id]);
    assert.deepEqual((await listMyQuestions(deps, w.asker, 'mine', { page: 1, pageSize: 20 })).page.items.map((q) => q.id), [a.id]);
  });
});

/** The question page takes one query however many answers and comments it shows. */
describe('questions use cases: query budget', () => {
  let deps: TestDeps;
  let pool: pg.Pool;
  let counted: Kysely<Database>;
  let queries: string[] = [];

  before(async () => {
    deps = await createTestDeps();
    pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    counted = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (event) => void (event.level === 'query' && queries.push(event.query.sql)) });
  });
  after(async () => {
    await counted.destroy();
    await deps.close();
  });

  it('renders a question with 20 answers and 20 comments in one query', async () => {
    const org = await createTestOrganisation(deps);
    const people = await Promise.all(Array.from({ length: 21 }, () => createTestUser(deps, org.id)));
    const community = await createTestCommunity(deps, org.id, { members: people.map((p) => ({ userId: p.id })) });
    const [asker, ...others] = people.map(actorOf);
    const { id } = await askQuestion(deps, asker!, { id: community.id }, ask);
    const answers: { id: string }[] = [];
    for (const other of others) answers.push(await postAnswer(deps, other, id, { body: `Antwoord van ${other.name}` }));
    for (const [i, answer] of answers.entries()) await postComment(deps, asker!, i % 2 ? { answerId: answer.id } : { questionId: id }, { body: `Reactie ${i}` });
    await setHelped(deps, asker!, answers[3]!.id, true);
    await setAcceptedAnswer(deps, asker!, id, answers[5]!.id);
    queries = [];
    const view = await getQuestionView({ db: counted }, others[0]!, id, 1);
    assert.equal(queries.length, 1, queries.join('\n'));
    assert.equal(view.answers.length, 19);
    assert.equal(view.accepted?.id, answers[5]!.id);
    assert.equal(view.comments.length + [view.accepted!, ...view.answers].reduce((n, a) => n + a.comments.length, 0), 20);
    assert.equal(view.answers.find((a) => a.id === answers[3]!.id)?.helpedCount, 1);
  });
});
