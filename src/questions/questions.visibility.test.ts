import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { actorOf, bearerRequest, createTestApp, createTestCommunity, createTestOrganisation, createTestPersonalAccessToken, createTestUser, sessionClient } from '../../test/harness.ts';
import { deleteAnswer, editAnswer, postAnswer, setAcceptedAnswer, setAnswerHidden, setHelped } from './answers/answers.usecases.ts';
import { deleteComment, postComment, setCommentHidden } from './comments/comments.usecases.ts';
import { closeAsDuplicate, deleteQuestion, inviteToAnswer, setQuestionHidden } from './moderation.usecases.ts';
import { askQuestion, editQuestion } from './questions.usecases.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
type User = Awaited<ReturnType<typeof createTestUser>>;

/**
 * What never leaves a community: canary strings planted in every kind of content of a secret and
 * a closed community must not appear in any page or API answer for people who may not see the
 * community, while its members see them. Then the same for hidden and deleted posts, and for the
 * name of an asker who asked without it. Every body is searched as raw text, so markup attributes
 * (data-*, aria-*, hidden inputs) and JSON fields count too.
 */
describe('questions: what people outside a community, or without the right, never see', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const uid = () => randomUUID().slice(0, 8);
  const reason = { reason: 'Past niet in deze gemeenschap.' };

  /** A person as both a browser session and an API script. */
  async function viewer(user: User) {
    const client = await sessionClient(t.deps, t.app, user.id);
    const token = await createTestPersonalAccessToken(t.deps, user.id, 'read');
    return {
      user,
      page: (path: string) => client.get(path),
      api: (path: string) => bearerRequest(t.app, token, 'GET', path),
      client,
    };
  }
  type Viewer = Awaited<ReturnType<typeof viewer>>;

  /** Bodies of many GETs, with the status each must answer. */
  async function bodies(v: Viewer, requests: [path: string, status: number][]): Promise<{ path: string; body: string }[]> {
    const out: { path: string; body: string }[] = [];
    for (const [path, status] of requests) {
      const response = path.startsWith('/api/') ? await v.api(path) : await v.page(path);
      assert.equal(response.statusCode, status, `${v.user.name}: GET ${path}`);
      out.push({ path, body: response.body });
    }
    return out;
  }

  const leaks = (seen: { path: string; body: string }[], secrets: string[], except: { path: string; text: string }[] = []) =>
    seen.flatMap(({ path, body }) => secrets.filter((s) => body.includes(s) && !except.some((e) => e.path === path && e.text === s)).map((s) => `${path} shows "${s}"`));

  /** A thread with a canary in each part, as a member posts it: title, body, tag, answer, comments, and older versions. */
  async function plantCanaries(communityId: string, asker: User, answerer: User, commenter: User) {
    const c = `kanarie${uid()}`;
    const canary = { oldTitle: `${c}oudetitel`, title: `${c}titel`, body: `${c}toelichting`, tag: `${c}tag`, oldAnswer: `${c}oudantwoord`, answer: `${c}antwoord`, comment: `${c}reactie`, answerComment: `${c}antwoordreactie` };
    const { id } = await askQuestion(t.deps, actorOf(asker), { id: communityId }, { kind: 'how', title: `Hoe doe je ${canary.oldTitle}?`, body: `Over ${canary.body}.`, tags: [canary.tag] });
    await editQuestion(t.deps, actorOf(asker), id, { title: `Hoe doe je ${canary.title}?` });
    const answer = await postAnswer(t.deps, actorOf(answerer), id, { body: `Eerst ${canary.oldAnswer}.` });
    await editAnswer(t.deps, actorOf(answerer), answer.id, { body: `Eerst ${canary.answer}.` });
    const comment = await postComment(t.deps, actorOf(commenter), { questionId: id }, { body: `Ook ${canary.comment}` });
    await postComment(t.deps, actorOf(asker), { answerId: answer.id }, { body: `Dank ${canary.answerComment}` });
    return { questionId: id, answerId: answer.id, commentId: comment.id, canary, secrets: Object.values(canary) };
  }

  it('keeps the questions of a secret and a closed community from everyone who may not see them, everywhere', async () => {
    const owner = await createTestOrganisation(t.deps);
    const partner = await createTestOrganisation(t.deps, { kind: 'partner' });
    const elsewhere = await createTestOrganisation(t.deps);
    const [facilitator, member, leaver] = await Promise.all([createTestUser(t.deps, owner.id), createTestUser(t.deps, owner.id), createTestUser(t.deps, owner.id)]);
    const secret = await createTestCommunity(t.deps, owner.id, { visibility: 'secret', members: [{ userId: facilitator.id, role: 'facilitator' }, { userId: member.id }, { userId: leaver.id }] });
    const closed = await createTestCommunity(t.deps, owner.id, { visibility: 'closed', partners: [partner.id], members: [{ userId: facilitator.id, role: 'facilitator' }, { userId: member.id }] });
    const inSecret = await plantCanaries(secret.id, facilitator, member, member);
    const inClosed = await plantCanaries(closed.id, facilitator, member, member);
    // A member asks, then leaves: their own question goes out of sight with the community.
    const leaversQuestion = await askQuestion(t.deps, actorOf(leaver), { id: secret.id }, { kind: 'what', title: `Wat is ${inSecret.canary.title}vertrokken?`, body: '', tags: [inSecret.canary.tag] });
    await t.deps.db.deleteFrom('community_members').where('community_id', '=', secret.id).where('user_id', '=', leaver.id).execute();

    // Everyone's expertise matches the canary tags: "questions I could answer" may only filter on membership.
    const expertise = [inSecret.canary.tag, inClosed.canary.tag];
    await t.deps.db.updateTable('users').set({ expertise }).where('id', 'in', [member.id, leaver.id]).execute();
    const outsider = (organisationId: string, role: 'member' | 'admin' = 'member', isPlatformAdmin = false) => createTestUser(t.deps, organisationId, { role, isPlatformAdmin, expertise });
    const otherOrgs = await Promise.all([outsider(elsewhere.id), outsider(elsewhere.id, 'admin'), outsider(elsewhere.id, 'admin', true)].map(async (u) => viewer(await u)));
    const ownOrg = await Promise.all([outsider(owner.id), outsider(owner.id, 'admin'), outsider(partner.id)].map(async (u) => viewer(await u)));

    const notFound = (c: { slug: string; id: string }, thread: { questionId: string; answerId: string; commentId: string }): [string, number][] => [
      [`/gemeenschappen/${c.slug}`, 404], [`/gemeenschappen/${c.slug}/vragen`, 404], [`/gemeenschappen/${c.slug}/vragen/nieuw`, 404],
      [`/vragen/${thread.questionId}`, 404], [`/vragen/${thread.questionId}/versies`, 404], [`/vragen/${thread.questionId}/bewerken`, 404],
      [`/vragen/${thread.questionId}/sluiten`, 404], [`/vragen/${thread.questionId}/verbergen`, 404], [`/vragen/${thread.questionId}/uitnodigen`, 404],
      [`/antwoorden/${thread.answerId}`, 404], [`/antwoorden/${thread.answerId}/versies`, 404], [`/antwoorden/${thread.answerId}/bewerken`, 404],
      [`/antwoorden/${thread.answerId}/verbergen`, 404], [`/reacties/${thread.commentId}/verbergen`, 404],
      [`/api/v1/communities/${c.id}/questions`, 404], [`/api/v1/questions/${thread.questionId}`, 404], [`/api/v1/questions/${thread.questionId}/revisions`, 404],
      [`/api/v1/answers/${thread.answerId}/revisions`, 404],
    ];
    const lists: [string, number][] = [
      ['/', 200], ['/vragen', 200], ['/vragen?lijst=mijn', 200], ['/gemeenschappen', 200], ['/gemeenschappen?mijn=1', 200],
      ['/api/v1/questions', 200], ['/api/v1/questions?list=mine', 200], ['/api/v1/communities', 200],
    ];

    // "Questions I could answer" repeats the viewer's own expertise, which is the canary tags here.
    const ownExpertise = ['/vragen', '/vragen?lijst=mijn'].flatMap((path) => expertise.map((text) => ({ path, text })));
    const failures: string[] = [];
    // Users of other organisations see neither community; the owner's own people and the partner see the closed one.
    for (const v of otherOrgs) failures.push(...leaks(await bodies(v, [...lists, ...notFound(secret, inSecret), ...notFound(closed, inClosed)]), [...inSecret.secrets, ...inClosed.secrets, secret.name, closed.name], ownExpertise));
    for (const v of [...ownOrg, await viewer(leaver)]) failures.push(...leaks(await bodies(v, [...lists, ...notFound(secret, inSecret)]), [...inSecret.secrets, secret.name], ownExpertise));
    const leaverView = await viewer(leaver);
    for (const path of [`/vragen/${leaversQuestion.id}`, `/api/v1/questions/${leaversQuestion.id}`]) assert.equal((path.startsWith('/api/') ? await leaverView.api(path) : await leaverView.page(path)).statusCode, 404, `the leaver: ${path}`);
    assert.deepEqual(failures, []);

    // Members see all of it: the checks above could fail.
    const insider = await viewer(member);
    for (const [c, thread] of [[secret, inSecret], [closed, inClosed]] as const) {
      const { canary } = thread;
      const seen = (await bodies(insider, [[`/vragen/${thread.questionId}`, 200], [`/api/v1/questions/${thread.questionId}`, 200]])).map((b) => b.body);
      for (const body of seen) for (const text of [canary.title, canary.body, canary.tag, canary.answer, canary.comment, canary.answerComment]) assert.ok(body.includes(text), `a member sees ${text}`);
      const history = (await bodies(insider, [[`/vragen/${thread.questionId}/versies`, 200], [`/api/v1/questions/${thread.questionId}/revisions`, 200], [`/antwoorden/${thread.answerId}/versies`, 200], [`/api/v1/answers/${thread.answerId}/revisions`, 200]])).map((b) => b.body).join('\n');
      for (const text of [canary.oldTitle, canary.oldAnswer]) assert.ok(history.includes(text), `a member sees the old version ${text}`);
      const listed = (await bodies(insider, [[`/gemeenschappen/${c.slug}/vragen`, 200], [`/api/v1/communities/${c.id}/questions`, 200], ['/vragen', 200], ['/api/v1/questions', 200]])).map((b) => b.body);
      for (const body of listed) assert.ok(body.includes(canary.title), 'a member finds the question in the lists');
    }
  });

  it('shows hidden posts only to their author and the moderators, deleted ones to nobody, and counts only what is shown', async () => {
    const org = await createTestOrganisation(t.deps);
    const user = () => createTestUser(t.deps, org.id);
    const [facilitator, asker, author, reader] = await Promise.all([user(), user(), user(), user()]);
    const community = await createTestCommunity(t.deps, org.id, { visibility: 'closed', members: [{ userId: facilitator.id, role: 'facilitator' }, { userId: asker.id }, { userId: author.id }, { userId: reader.id }] });
    const [F, A, W] = [actorOf(facilitator), actorOf(asker), actorOf(author)];
    const c = `kanarie${uid()}`;
    const { id } = await askQuestion(t.deps, A, { id: community.id }, { kind: 'how', title: 'Hoe regel je een tolk bij een gesprek?', body: '', tags: [] });
    const shown = await postAnswer(t.deps, W, id, { body: 'Vraag het wijkteam.' });
    await setHelped(t.deps, A, shown.id, true);
    const hidden = await postAnswer(t.deps, W, id, { body: `Verborgen ${c}verborgenantwoord` });
    await setHelped(t.deps, A, hidden.id, true);
    await setAnswerHidden(t.deps, F, hidden.id, reason);
    const deleted = await postAnswer(t.deps, W, id, { body: `Weg ${c}verwijderdantwoord` });
    await deleteAnswer(t.deps, W, deleted.id);
    const hiddenComment = await postComment(t.deps, W, { questionId: id }, { body: `Verborgen ${c}verborgenreactie` });
    await setCommentHidden(t.deps, F, hiddenComment.id, reason);
    const deletedComment = await postComment(t.deps, W, { answerId: shown.id }, { body: `Weg ${c}verwijderdereactie` });
    await deleteComment(t.deps, W, deletedComment.id);
    const hiddenQuestion = await askQuestion(t.deps, W, { id: community.id }, { kind: 'what', title: `Wat is ${c}verborgenvraag?`, body: '' });
    await setQuestionHidden(t.deps, F, hiddenQuestion.id, reason);
    const deletedQuestion = await askQuestion(t.deps, W, { id: community.id }, { kind: 'what', title: `Wat is ${c}verwijderdevraag?`, body: '' });
    await deleteQuestion(t.deps, W, deletedQuestion.id);
    // Closed as a duplicate of a question that is later deleted, or hidden: its title goes with it.
    const duplicates: { id: string; title: string }[] = [];
    for (const fate of ['verwijderd', 'verborgen'] as const) {
      const target = await askQuestion(t.deps, W, { id: community.id }, { kind: 'what', title: `Wat is ${c}${fate}origineel?`, body: '' });
      const copy = await askQuestion(t.deps, A, { id: community.id }, { kind: 'what', title: `Wat is de kopie van iets ${fate}?`, body: '' });
      await closeAsDuplicate(t.deps, F, copy.id, { duplicateOf: target.id });
      if (fate === 'verwijderd') await deleteQuestion(t.deps, W, target.id);
      else await setQuestionHidden(t.deps, F, target.id, reason);
      duplicates.push({ id: copy.id, title: `${c}${fate}origineel` });
    }

    const pages = (v: Viewer) => bodies(v, [
      [`/vragen/${id}`, 200], [`/api/v1/questions/${id}`, 200], [`/gemeenschappen/${community.slug}/vragen`, 200], [`/api/v1/communities/${community.id}/questions`, 200],
      [`/vragen/${id}/versies`, 200], [`/antwoorden/${deleted.id}/versies`, 404], [`/api/v1/answers/${deleted.id}/revisions`, 404],
      [`/vragen/${deletedQuestion.id}`, 404], [`/api/v1/questions/${deletedQuestion.id}`, 404],
      ...duplicates.flatMap((d): [string, number][] => [[`/vragen/${d.id}`, 200], [`/api/v1/questions/${d.id}`, 200]]),
    ]);
    const gone = [`${c}verwijderdantwoord`, `${c}verwijderdereactie`, `${c}verwijderdevraag`, `${c}verwijderdorigineel`];
    const hiddenTexts = [`${c}verborgenantwoord`, `${c}verborgenreactie`, `${c}verborgenvraag`, `${c}verborgenorigineel`];
    const readerView = await viewer(reader);
    assert.deepEqual(leaks(await pages(readerView), [...gone, ...hiddenTexts]), [], 'a plain member sees neither');
    for (const path of [`/antwoorden/${hidden.id}`, `/antwoorden/${hidden.id}/versies`, `/vragen/${hiddenQuestion.id}`, `/api/v1/questions/${hiddenQuestion.id}`]) {
      assert.equal((path.startsWith('/api/') ? await readerView.api(path) : await readerView.page(path)).statusCode, 404, path);
    }
    // Counts follow what is shown: one answer, helped once (the hidden answer's "helped" left with it).
    const json = (await readerView.api(`/api/v1/questions/${id}`)).json();
    assert.equal(json.answerCount, 1);
    assert.equal(json.helpedCount, 1);
    assert.equal(json.answers.items.length, 1);
    assert.equal(json.comments.length, 0);
    const listed = (await readerView.api(`/api/v1/communities/${community.id}/questions`)).json().items.find((q: { id: string }) => q.id === id);
    assert.deepEqual([listed.answerCount, listed.helpedCount], [1, 1]);
    assert.match((await readerView.page(`/vragen/${id}`)).body, /1 antwoord\b/);

    // The author of the hidden posts and the facilitator see them (with the reason); deleted is gone for them too.
    for (const v of [await viewer(author), await viewer(facilitator)]) {
      const seen = await pages(v);
      assert.deepEqual(leaks(seen, gone), [], `${v.user.name}: deleted stays deleted`);
      const page = seen[0]!.body;
      for (const text of [`${c}verborgenantwoord`, `${c}verborgenreactie`]) assert.ok(page.includes(text), `sees ${text}`);
      assert.ok(page.includes(reason.reason), 'with the reason');
      assert.equal((await v.page(`/vragen/${hiddenQuestion.id}`)).statusCode, 200);
    }
  });

  it('never shows who asked without their name to a plain member, in any page, list, version, attribute or API answer; facilitators see it', async () => {
    const org = await createTestOrganisation(t.deps);
    const tag = `schuil${uid()}`;
    const asker = await createTestUser(t.deps, org.id, { name: `Anna Schuilnaam ${uid()}`, jobTitle: 'Consulent' });
    const [facilitator, member, colleague] = await Promise.all([
      createTestUser(t.deps, org.id, { name: `Fleur Facilitator ${uid()}` }),
      createTestUser(t.deps, org.id, { name: `Mila Lid ${uid()}`, expertise: [tag] }),
      createTestUser(t.deps, org.id, { name: `Cas Collega ${uid()}`, jobTitle: 'Consulent' }),
    ]);
    const community = await createTestCommunity(t.deps, org.id, {
      allowPseudonymousQuestions: true,
      members: [{ userId: asker.id }, { userId: facilitator.id, role: 'facilitator' }, { userId: member.id }, { userId: colleague.id }],
    });
    const A = actorOf(asker);
    // The asker does everything an asker can on their question: edit, comment, answer it themselves, thank, accept, invite.
    const { id } = await askQuestion(t.deps, A, { id: community.id }, { kind: 'how', title: 'Hoe ga ik om met agressie aan de balie?', body: 'Het gebeurt vaker.', tags: [tag], isPseudonymous: true });
    await editQuestion(t.deps, A, id, { body: 'Het gebeurt steeds vaker.' });
    await postComment(t.deps, A, { questionId: id }, { body: 'Aanvulling van mij.' });
    const answer = await postAnswer(t.deps, actorOf(member), id, { body: 'Oefen het gesprek vooraf.' });
    await postComment(t.deps, A, { answerId: answer.id }, { body: 'Dank, goed idee.' });
    const own = await postAnswer(t.deps, A, id, { body: 'Zelf gevonden: de training.' });
    await editAnswer(t.deps, A, own.id, { body: 'Zelf gevonden: de training van de gemeente.' });
    await setHelped(t.deps, A, answer.id, true);
    await setAcceptedAnswer(t.deps, A, id, answer.id);
    await inviteToAnswer(t.deps, A, id, { userIds: [member.id] });
    // A second one, still open: it is in the member's "questions I could answer".
    const open = await askQuestion(t.deps, A, { id: community.id }, { kind: 'what', title: 'Wat doe ik na een incident?', body: '', tags: [tag], isPseudonymous: true });

    // (The community's member lists name the asker as a member, like everyone: that says nothing about who asked.)
    const secrets = [asker.name, asker.id, asker.email, asker.email.split('@')[0]!];
    const plain = await viewer(member);
    const seen = await bodies(plain, [
      [`/vragen/${id}`, 200], [`/vragen/${id}?pagina=1`, 200], [`/vragen/${id}/versies`, 200], [`/antwoorden/${own.id}/versies`, 200], [`/antwoorden/${answer.id}/versies`, 200],
      [`/vragen/${open.id}`, 200], [`/gemeenschappen/${community.slug}/vragen`, 200], [`/gemeenschappen/${community.slug}/vragen?filter=onbeantwoord&sortering=actief`, 200],
      [`/gemeenschappen/${community.slug}/vragen?tag=${tag}&sortering=geholpen`, 200], ['/vragen', 200], ['/', 200],
      [`/api/v1/questions/${id}`, 200], [`/api/v1/questions/${open.id}`, 200], [`/api/v1/questions/${id}/revisions`, 200], [`/api/v1/answers/${own.id}/revisions`, 200],
      [`/api/v1/communities/${community.id}/questions`, 200], [`/api/v1/communities/${community.id}/questions?filter=unanswered&tag=${tag}`, 200], ['/api/v1/questions', 200],
    ]);
    assert.deepEqual(leaks(seen, secrets), []);
    assert.ok(seen.find((s) => s.path === '/vragen')!.body.includes('Wat doe ik na een incident?'), 'the open question is in the member’s list, without a name');
    const json = (await plain.api(`/api/v1/questions/${id}`)).json();
    assert.equal(json.author, null);
    assert.ok(json.answers.items.some((a: { isAsker: boolean; author: unknown }) => a.isAsker && a.author === null), 'the asker’s own answer: "the asker", no name');

    // Inviting colleagues lists every member: the asker among them exactly like anyone else, or the list would give them away.
    const invite = (await plain.page(`/vragen/${open.id}/uitnodigen`)).body;
    const count = (text: string) => invite.split(text).length - 1;
    assert.equal(count(asker.name), count(colleague.name));
    assert.equal(count(asker.id), count(colleague.id));
    assert.ok(count(colleague.id) > 0, 'the colleague is a candidate');

    // The facilitator sees who asked (for moderation), on the page and in the API.
    const moderator = await viewer(facilitator);
    assert.ok((await moderator.page(`/vragen/${id}`)).body.includes(asker.name));
    assert.equal((await moderator.api(`/api/v1/questions/${id}`)).json().author?.name, asker.name);
    assert.ok((await moderator.page(`/vragen/${id}/versies`)).body.includes(asker.name), 'and in the versions');
  });
});
