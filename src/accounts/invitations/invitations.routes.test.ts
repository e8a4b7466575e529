import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  clientWithOwnAddress,
  createCapturingMailer,
  createTestApp,
  createTestOrganisation,
  createTestUser,
  linkIn,
  sessionClient,
} from '../../../test/harness.ts';

const STRONG = 'een nieuwe lange zin';

describe('invitations (no JavaScript)', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  const mailer = createCapturingMailer();
  before(async () => {
    t = await createTestApp({ mailer });
  });
  after(() => t.close());

  async function adminOfNewOrganisation(name = 'Gemeente Voorbeeldstad') {
    const org = await createTestOrganisation(t.deps, { name });
    const admin = await createTestUser(t.deps, org.id, { role: 'admin', name: 'Anne Beheer' });
    return { org, admin, client: await sessionClient(t.deps, t.app, admin.id) };
  }

  async function invite(client: Awaited<ReturnType<typeof sessionClient>>, email: string, role = 'manager', locale = 'nl') {
    await client.get('/beheer/organisatie/uitnodigen');
    return client.post('/beheer/organisatie/uitnodigen', { email, role, locale });
  }

  it('invites by e-mail in the chosen language, lists the invitation, and the link creates an account', async () => {
    const { org, admin, client } = await adminOfNewOrganisation();
    const email = `nieuw-${org.slug}@example.test`;
    const response = await invite(client, email.toUpperCase(), 'manager', 'en');
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/beheer/organisatie/uitnodigen');

    const page = await client.get('/beheer/organisatie/uitnodigen');
    assert.match(page.body, /De uitnodiging is verstuurd/);
    assert.match(page.body, new RegExp(email));

    const [mail] = mailer.to(email);
    assert.ok(mail, 'an invitation mail was sent');
    assert.equal(mail.subject, 'Invitation to Leerkring from Gemeente Voorbeeldstad');
    assert.match(mail.text, /Anne Beheer invites you/);
    assert.match(mail.html, /<html lang="en"/);
    const link = linkIn(mail.text, '/uitnodiging/');
    const [invitation] = await t.deps.db.selectFrom('invitations').selectAll().where('organisation_id', '=', org.id).execute();
    assert.ok(invitation);
    assert.notEqual(invitation.token_hash.toString('base64url'), link.split('/').pop(), 'only the hash is stored');
    assert.ok(invitation.expires_at.getTime() - Date.now() > 6.9 * 86_400_000);

    const invitee = clientWithOwnAddress(t.app);
    const form = await invitee.get(link);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Gemeente Voorbeeldstad/);
    assert.match(form.body, /Manager/);
    const accepted = await invitee.post(link, { name: 'Nieuwe Collega', password: STRONG, passwordConfirmation: STRONG });
    assert.equal(accepted.statusCode, 303);
    assert.equal(accepted.headers.location, '/');
    assert.match((await invitee.get('/')).body, /Nieuwe Collega/);

    const user = await t.deps.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    assert.equal(user.organisation_id, org.id);
    assert.equal(user.role, 'manager');
    assert.equal(user.status, 'active');
    assert.equal(user.locale, 'en');
    assert.ok(user.email_verified_at);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'actor_id']).where('organisation_id', '=', org.id).orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['account.invited', 'account.invitation_accepted']);
    assert.equal(audit[0]?.actor_id, admin.id);
    const events = t.deps.dispatched.filter((e) => e.payload.organisationId === org.id).map((e) => e.name);
    assert.deepEqual(events, ['account.invited', 'account.created']);

    const again = await clientWithOwnAddress(t.app).get(link);
    assert.equal(again.statusCode, 410);
    assert.match(again.body, /Deze link werkt niet meer/);
    assert.doesNotMatch((await client.get('/beheer/organisatie/uitnodigen')).body, new RegExp(email));
  });

  it('re-renders the accept form with the typed name and field errors, never the passwords', async () => {
    const { org, client } = await adminOfNewOrganisation();
    const email = `fout-${org.slug}@example.test`;
    await invite(client, email);
    const link = linkIn(mailer.to(email)[0]?.text ?? '', '/uitnodiging/');
    const invitee = clientWithOwnAddress(t.app);
    await invitee.get(link);

    const mismatch = await invitee.post(link, { name: 'Sam Jansen', password: STRONG, passwordConfirmation: 'iets heel anders' });
    assert.equal(mismatch.statusCode, 422);
    assert.match(mismatch.body, /value="Sam Jansen"/);
    assert.match(mismatch.body, /De twee wachtwoorden zijn niet gelijk/);
    assert.match(mismatch.body, /href="#field-passwordConfirmation"/);
    assert.doesNotMatch(mismatch.body, new RegExp(STRONG));

    const weak = await invitee.post(link, { name: '', password: 'welkom123', passwordConfirmation: 'welkom123' });
    assert.equal(weak.statusCode, 422);
    assert.match(weak.body, /Vul dit veld in/);

    const common = await invitee.post(link, { name: 'Sam', password: 'wachtwoord1', passwordConfirmation: 'wachtwoord1' });
    assert.equal(common.statusCode, 422);
    assert.match(common.body, /veel gebruikt/);
    assert.match(common.body, /Minstens 8 en hoogstens 128 tekens/, 'the rule is shown as field description');

    const garbage = await invitee.post(link, { name: ['a', 'b'], password: 'x'.repeat(5000) });
    assert.ok(garbage.statusCode < 500, `got ${garbage.statusCode}`);
    assert.equal((await invitee.get(link)).statusCode, 200, 'the link still works after failed attempts');
  });

  it('refuses to invite an address that already has an account, as a field error with the typed values', async () => {
    const { org, client } = await adminOfNewOrganisation();
    const existing = await createTestUser(t.deps, org.id);
    const response = await invite(client, existing.email, 'admin');
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /Er is al een account met dit e-mailadres/);
    assert.match(response.body, new RegExp(`value="${existing.email}"`));
    assert.match(response.body, /value="admin"[^>]*checked|checked[^>]*value="admin"/);
    assert.equal(mailer.to(existing.email).length, 0);
  });

  it('re-renders for bad input without a server error', async () => {
    const { client } = await adminOfNewOrganisation();
    await client.get('/beheer/organisatie/uitnodigen');
    const cases: [Record<string, string | string[]>, RegExp][] = [
      [{ email: 'x', role: 'member' }, /Vul een geldig e-mailadres in/],
      [{ email: 'a@b.nl', role: 'koning' }, /Kies een van de mogelijkheden/],
      [{}, /Vul dit veld in/],
      [{ email: ['a@b.nl', 'c@d.nl'], role: 'member' }, /id="error-summary"/],
    ];
    for (const [form, message] of cases) {
      const response = await client.post('/beheer/organisatie/uitnodigen', form);
      assert.equal(response.statusCode, 422, JSON.stringify(form));
      assert.match(response.body, message);
    }
  });

  it('is only for organisation admins: the page does not exist for anyone else', async () => {
    const org = await createTestOrganisation(t.deps);
    const member = await createTestUser(t.deps, org.id, { role: 'manager' });
    const client = await sessionClient(t.deps, t.app, member.id);
    assert.equal((await client.get('/beheer/organisatie/uitnodigen')).statusCode, 404);
    assert.equal((await client.post('/beheer/organisatie/uitnodigen', { email: 'x@example.test', role: 'admin' })).statusCode, 404);
    assert.equal((await clientWithOwnAddress(t.app).get('/beheer/organisatie/uitnodigen')).statusCode, 401);
  });

  it('revokes an invitation after confirmation; its link then answers 410', async () => {
    const { org, client } = await adminOfNewOrganisation();
    const email = `intrekken-${org.slug}@example.test`;
    await invite(client, email);
    const link = linkIn(mailer.to(email)[0]?.text ?? '', '/uitnodiging/');
    const page = await client.get('/beheer/organisatie/uitnodigen');
    const action = page.body.match(/action="(\/beheer\/organisatie\/uitnodigen\/[^"]+\/intrekken)"/)?.[1];
    assert.ok(action);

    const confirmation = await client.post(action, { confirmed: '' });
    assert.equal(confirmation.statusCode, 200);
    assert.match(confirmation.body, /Weet je het zeker\?/);
    assert.equal((await clientWithOwnAddress(t.app).get(link)).statusCode, 200, 'not revoked before confirming');

    const revoked = await client.post(action, { confirmed: 'yes' });
    assert.equal(revoked.statusCode, 303);
    assert.match((await client.get('/beheer/organisatie/uitnodigen')).body, /De uitnodiging is ingetrokken/);
    const gone = await clientWithOwnAddress(t.app).get(link);
    assert.equal(gone.statusCode, 410);
    assert.match(gone.body, /Vraag dan de beheerder van je organisatie om een nieuwe uitnodiging/);
    assert.equal((await client.post(action, { confirmed: 'yes' })).statusCode, 404, 'a revoked invitation cannot be revoked again');
    assert.equal((await client.post('/beheer/organisatie/uitnodigen/geen-uuid/intrekken', { confirmed: 'yes' })).statusCode, 400);
  });

  it("cannot revoke another organisation's invitation", async () => {
    const first = await adminOfNewOrganisation();
    const second = await adminOfNewOrganisation();
    await invite(first.client, `ander-${first.org.slug}@example.test`);
    const invitation = await t.deps.db.selectFrom('invitations').select('id').where('organisation_id', '=', first.org.id).executeTakeFirstOrThrow();
    await second.client.get('/beheer/organisatie/uitnodigen');
    assert.equal((await second.client.post(`/beheer/organisatie/uitnodigen/${invitation.id}/intrekken`, { confirmed: 'yes' })).statusCode, 404);
  });

  it('a new invitation to the same address replaces the older link', async () => {
    const { org, client } = await adminOfNewOrganisation();
    const email = `dubbel-${org.slug}@example.test`;
    await invite(client, email, 'member');
    await invite(client, email, 'admin');
    const [firstMail, secondMail] = mailer.to(email);
    assert.equal((await clientWithOwnAddress(t.app).get(linkIn(firstMail?.text ?? '', '/uitnodiging/'))).statusCode, 410);
    assert.equal((await clientWithOwnAddress(t.app).get(linkIn(secondMail?.text ?? '', '/uitnodiging/'))).statusCode, 200);
  });

  it('an expired invitation or an unknown token answers a friendly 410 page', async () => {
    const { org, client } = await adminOfNewOrganisation();
    const email = `verlopen-${org.slug}@example.test`;
    await invite(client, email);
    await t.deps.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000) }).where('organisation_id', '=', org.id).execute();
    const visitor = clientWithOwnAddress(t.app);
    const expired = await visitor.get(linkIn(mailer.to(email)[0]?.text ?? '', '/uitnodiging/'));
    assert.equal(expired.statusCode, 410);
    assert.match(expired.body, /Deze link werkt niet meer/);
    assert.equal((await visitor.get('/uitnodiging/onzin')).statusCode, 410);
    const post = await visitor.post('/uitnodiging/onzin', { name: 'X', password: STRONG, passwordConfirmation: STRONG });
    assert.equal(post.statusCode, 410);
  });

  it('pages the open invitations', async () => {
    const { org, client } = await adminOfNewOrganisation();
    for (let i = 0; i < 21; i++) await invite(client, `p${String(i).padStart(2, '0')}-${org.slug}@example.test`);
    const first = await client.get('/beheer/organisatie/uitnodigen');
    assert.match(first.body, /rel="next" href="\/beheer\/organisatie\/uitnodigen\?pagina=2"/);
    assert.equal((first.body.match(/\/intrekken"/g) ?? []).length, 20);
    const second = await client.get('/beheer/organisatie/uitnodigen?pagina=2');
    assert.equal((second.body.match(/\/intrekken"/g) ?? []).length, 1);
    assert.match(second.body, new RegExp(`p00-${org.slug}`), 'oldest last');
    assert.equal((await client.get('/beheer/organisatie/uitnodigen?pagina=-3')).statusCode, 200);
  });
});
