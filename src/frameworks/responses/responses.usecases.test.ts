import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actorOf, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, type TestDeps } from '../../../test/harness.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { isAppError } from '../../platform/errors.ts';
import { publishFramework, saveDraft } from '../frameworks.usecases.ts';
import { getCurrentFramework, getDraft } from '../frameworks.usecases.ts';
import { RESPONSES_PER_HOUR, adoptFrameworkProposal, answerFrameworkResponse, getReaderResponses, listFrameworkResponses, respondToFramework } from './responses.usecases.ts';

const status = async (work: Promise<unknown>) => {
  try {
    await work;
    return 'ok';
  } catch (error) {
    if (isAppError(error)) return error.status;
    throw error;
  }
};

describe('framework responses use cases', () => {
  let deps: TestDeps;
  before(async () => {
    deps = await createTestDeps();
  });
  after(() => deps.close());

  async function world(visibility: 'open' | 'closed' = 'open', options: { publish?: boolean } = {}) {
    const owner = await createTestOrganisation(deps);
    const partnerOrg = await createTestOrganisation(deps, { kind: 'partner' });
    const otherOrg = await createTestOrganisation(deps);
    const users = {
      manager: await createTestUser(deps, owner.id, { role: 'manager' }),
      member: await createTestUser(deps, owner.id, { name: 'Fenna Vlagdrager' }),
      signer: await createTestUser(deps, owner.id, { name: 'Sander Ondertekend' }),
      partnerMember: await createTestUser(deps, partnerOrg.id),
      nonMember: await createTestUser(deps, owner.id),
      outsider: await createTestUser(deps, otherOrg.id),
      platformAdmin: await createTestUser(deps, otherOrg.id, { role: 'admin', isPlatformAdmin: true }),
    };
    const community = await createTestCommunity(deps, owner.id, {
      visibility,
      partners: [partnerOrg.id],
      members: [{ userId: users.member.id }, { userId: users.signer.id }, { userId: users.partnerMember.id }],
    });
    const actors = Object.fromEntries(Object.entries(users).map(([k, u]) => [k, actorOf(u)])) as Record<keyof typeof users, Actor>;
    const ref = { id: community.id };
    let learningQuestionId = '';
    if (options.publish !== false) {
      await saveDraft(deps, actors.manager, ref, { purpose: 'Schulden eerder zien.', room: 'Teams spreken zelf af.', constraints: 'Budget ligt vast.', indicators: 'Minder uitzettingen.', reviewDate: null, learningQuestions: [{ kind: 'how', text: 'Hoe herken je schulden vroeg?' }] });
      const v1 = await publishFramework(deps, actors.manager, ref, {});
      learningQuestionId = v1.learningQuestions[0]!.id;
    }
    return { community, ref, users, actors, learningQuestionId };
  }

  it('keeps an unsigned flag anonymous to the manager, other members and the platform admin, and in its event', async () => {
    const { ref, users, actors, learningQuestionId } = await world('open');
    const flag = await respondToFramework(deps, actors.member, ref, { target: 'learning_question', learningQuestionId, kind: 'unclear', text: 'Wat is vroeg in de praktijk?' });
    assert.equal(flag.author, null);
    assert.equal(flag.signed, false);
    assert.equal(Object.hasOwn(flag, 'authorId'), false);
    await respondToFramework(deps, actors.signer, ref, { target: 'purpose', kind: 'proposal', text: 'Schulden binnen een maand zien.', signed: true });
    await respondToFramework(deps, actors.signer, ref, { target: 'room', kind: 'comment', text: 'Fijn dat dit er staat.' });

    const overview = await listFrameworkResponses(deps, actors.manager, ref);
    const lq = overview.groups.find((g) => g.learningQuestion?.id === learningQuestionId)!;
    assert.deepEqual(lq.counts, { openUnclear: 1, openProposals: 0, comments: 0 });
    assert.equal(lq.items[0]!.text, 'Wat is vroeg in de praktijk?');
    const purpose = overview.groups.find((g) => g.target === 'purpose')!;
    assert.deepEqual(purpose.counts, { openUnclear: 0, openProposals: 1, comments: 0 });
    assert.equal(purpose.items[0]!.author, 'Sander Ondertekend', 'a signed proposal shows its author');
    assert.equal(overview.groups.find((g) => g.target === 'room')!.items[0]!.author, 'Sander Ondertekend', 'a comment shows its author');

    const answered = await answerFrameworkResponse(deps, actors.manager, ref, flag.id, { reply: 'Vroeg is: bij het eerste gesprek.' });
    assert.equal(answered.status, 'answered');
    const asAdmin = await listFrameworkResponses(deps, actors.platformAdmin, ref);
    const asOtherMember = await getReaderResponses(deps, actors.signer, ref);
    assert.equal(asOtherMember.answered[0]!.reply, 'Vroeg is: bij het eerste gesprek.');
    const flagger = users.member;
    for (const [who, seen] of [['manager', overview], ['platform admin', asAdmin], ['other member', asOtherMember], ['manager answer', answered]] as const) {
      const text = JSON.stringify(seen);
      for (const secret of [flagger.id, flagger.name, flagger.email]) assert.equal(text.includes(secret), false, `${who} must not see ${secret}`);
    }
    const event = deps.dispatched.find((e) => e.name === 'framework.responded' && e.payload.responseId === flag.id)!;
    assert.ok(event);
    assert.equal(JSON.stringify(event).includes(flagger.id), false, 'the event does not name an unsigned flagger');
    assert.ok(deps.dispatched.some((e) => e.name === 'framework.response_answered' && e.payload.responseId === flag.id));
  });

  it('lets only active members respond, and only writers list, answer and adopt', async () => {
    const { ref, actors } = await world('closed');
    const flag = { target: 'purpose', kind: 'unclear' } as const;
    assert.equal(await status(respondToFramework(deps, actors.partnerMember, ref, flag)), 'ok', 'an active partner member responds');
    assert.equal(await status(respondToFramework(deps, actors.nonMember, ref, flag)), 403);
    assert.equal(await status(respondToFramework(deps, actors.manager, ref, flag)), 403, 'a manager who is no member does not respond');
    assert.equal(await status(respondToFramework(deps, actors.outsider, ref, flag)), 404);
    assert.equal(await status(respondToFramework(deps, actors.platformAdmin, ref, flag)), 404, 'a closed community is invisible to an outside platform admin');
    assert.equal(await status(listFrameworkResponses(deps, actors.member, ref)), 404);
    const { groups } = await listFrameworkResponses(deps, actors.manager, ref);
    const id = groups.find((g) => g.target === 'purpose')!.items[0]!.id;
    assert.equal(await status(answerFrameworkResponse(deps, actors.member, ref, id, { reply: 'Nee' })), 403);
    assert.equal(await status(answerFrameworkResponse(deps, actors.outsider, ref, id, { reply: 'Nee' })), 404);
    assert.equal(await status(adoptFrameworkProposal(deps, actors.manager, ref, id, {})), 409, 'a flag is no proposal');
  });

  it('checks the input against the current version', async () => {
    const { ref, actors } = await world('open');
    assert.equal(await status(respondToFramework(deps, actors.member, ref, { target: 'purpose', kind: 'comment', text: '   ' })), 422);
    assert.equal(await status(respondToFramework(deps, actors.member, ref, { target: 'purpose', kind: 'proposal' })), 422);
    assert.equal(await status(respondToFramework(deps, actors.member, ref, { target: 'learning_question', learningQuestionId: crypto.randomUUID(), kind: 'unclear' })), 422);
    assert.equal(await status(respondToFramework(deps, actors.member, ref, { target: 'learning_question', kind: 'unclear' })), 422);
    const unpublished = await world('open', { publish: false });
    assert.equal(await status(respondToFramework(deps, unpublished.actors.member, unpublished.ref, { target: 'purpose', kind: 'unclear' })), 404);
  });

  it('limits how often one member responds', async () => {
    const { ref, actors } = await world('open');
    for (let i = 0; i < RESPONSES_PER_HOUR; i++) await respondToFramework(deps, actors.member, ref, { target: 'room', kind: 'unclear' });
    assert.equal(await status(respondToFramework(deps, actors.member, ref, { target: 'room', kind: 'unclear' })), 429);
    assert.equal(await status(respondToFramework(deps, actors.signer, ref, { target: 'room', kind: 'unclear' })), 'ok', 'another member is not held back');
  });

  it('adopts a proposal, crediting the proposer only when they signed', async () => {
    const { ref, actors } = await world('open');
    const anonymous = await respondToFramework(deps, actors.member, ref, { target: 'indicators', kind: 'proposal', text: 'Minder uitzettingen per kwartaal.' });
    const signed = await respondToFramework(deps, actors.signer, ref, { target: 'indicators', kind: 'proposal', text: 'Meer vroege meldingen.', signed: true });
    const comment = await respondToFramework(deps, actors.signer, ref, { target: 'indicators', kind: 'comment', text: 'Goed punt.' });
    const a = await adoptFrameworkProposal(deps, actors.manager, ref, anonymous.id, { credit: true });
    assert.equal(a.status, 'adopted');
    assert.equal(a.creditedTo, null);
    const s = await adoptFrameworkProposal(deps, actors.manager, ref, signed.id, { credit: true, reply: 'Staat in het volgende concept.' });
    assert.equal(s.creditedTo, 'Sander Ondertekend');
    assert.equal(s.reply, 'Staat in het volgende concept.');
    assert.equal(await status(answerFrameworkResponse(deps, actors.manager, ref, comment.id, { reply: 'Dank' })), 404, 'comments get no formal answer');
    assert.equal(await status(answerFrameworkResponse(deps, actors.manager, ref, anonymous.id, { reply: '   ' })), 422, 'an answer is more than spaces');
    const reader = await getReaderResponses(deps, actors.member, ref);
    assert.deepEqual(reader.answered.map((r) => r.id).sort(), [anonymous.id, signed.id].sort());
  });

  it('puts an adopted proposal into the next draft, started from the current version', async () => {
    const { ref, actors, learningQuestionId } = await world('open');
    const section = await respondToFramework(deps, actors.member, ref, { target: 'room', kind: 'proposal', text: 'Teams kiezen zelf hun aanpak.' });
    const wording = await respondToFramework(deps, actors.member, ref, { target: 'learning_question', learningQuestionId, kind: 'proposal', text: 'Hoe zie je geldzorgen al bij de eerste afspraak?' });
    await adoptFrameworkProposal(deps, actors.manager, ref, section.id, {});
    await adoptFrameworkProposal(deps, actors.manager, ref, wording.id, {});
    const form = (await getDraft(deps, actors.manager, ref)).draft!;
    const current = (await getCurrentFramework(deps, actors.manager, ref)).current!;
    assert.equal(form.room, 'Teams kiezen zelf hun aanpak.');
    assert.equal(form.purpose, current.purpose, 'the rest comes from the current version');
    assert.deepEqual(form.learningQuestions.map((q) => [q.id, q.text]), current.learningQuestions.map((q) => [q.id, q.id === learningQuestionId ? 'Hoe zie je geldzorgen al bij de eerste afspraak?' : q.text]));
  });
});
