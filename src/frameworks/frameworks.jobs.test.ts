import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actorOf, createCapturingMailer, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, type CapturingMailer, type TestDeps } from '../../test/harness.ts';
import { askQuestion } from '../questions/questions.usecases.ts';
import { sendReviewReminders } from './frameworks.jobs.ts';
import { publishFramework, saveDraft } from './frameworks.usecases.ts';

/** The review reminder: once per version, to the owning organisation's managers, with aggregates only. */
describe('framework review reminders', () => {
  let deps: TestDeps;
  let mailer: CapturingMailer;
  before(async () => {
    mailer = createCapturingMailer();
    deps = await createTestDeps({ mailer });
  });
  after(() => deps.close());

  it('mails the managers once when the review date has come, with the signals per learning question', async () => {
    const org = await createTestOrganisation(deps);
    const manager = await createTestUser(deps, org.id, { role: 'manager', name: 'Marieke Manager' });
    const member = await createTestUser(deps, org.id, { name: 'Sanne Lid' });
    const community = await createTestCommunity(deps, org.id, { name: 'Wmo herzien', members: [{ userId: member.id }] });
    const ref = { id: community.id };
    await saveDraft(deps, actorOf(manager), ref, { purpose: 'Doel', room: '', constraints: '', indicators: '', reviewDate: '2020-01-01', learningQuestions: [{ kind: 'how', text: 'Hoe leg je een besluit uit?' }] });
    const version = await publishFramework(deps, actorOf(manager), ref, { changeNote: '' });
    await askQuestion(deps, actorOf(member), ref, { kind: 'how', title: 'Hoe vertel ik een afwijzing?', body: '', learningQuestionId: version.learningQuestions[0]!.id });

    await sendReviewReminders(deps);
    const mails = mailer.to(manager.email);
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.subject, /Wmo herzien/);
    assert.match(mails[0]!.text, /Hoe leg je een besluit uit\? — 1 vragen, 0 beantwoord, 0 opgelost/);
    assert.ok(mails[0]!.text.includes(`/gemeenschappen/${community.slug}/kader`));
    assert.ok(!mails[0]!.text.includes('Sanne'), 'totals only: nobody is named');
    assert.equal(mailer.to(member.email).length, 0, 'only managers');

    await sendReviewReminders(deps);
    assert.equal(mailer.to(manager.email).length, 1, 'once per version');
  });

  it('waits until the review date has come', async () => {
    const org = await createTestOrganisation(deps);
    const manager = await createTestUser(deps, org.id, { role: 'admin' });
    const community = await createTestCommunity(deps, org.id);
    const ref = { id: community.id };
    await saveDraft(deps, actorOf(manager), ref, { purpose: 'Doel', room: '', constraints: '', indicators: '', reviewDate: '2099-01-01', learningQuestions: [] });
    await publishFramework(deps, actorOf(manager), ref, { changeNote: '' });
    await sendReviewReminders(deps);
    assert.equal(mailer.to(manager.email).length, 0, 'not yet');
  });
});
