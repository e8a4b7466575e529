import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clientWithOwnAddress, createCapturingMailer, createTestApp, createTestOrganisation, createTestUser, linkIn } from '../../../test/harness.ts';

const PASSWORD = 'mijn eigen lange zin';

describe('self sign-up and e-mail verification (no JavaScript)', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  const mailer = createCapturingMailer();
  before(async () => {
    t = await createTestApp({ mailer });
  });
  after(() => t.close());

  const openOrganisation = () => createTestOrganisation(t.deps, { allowSelfSignup: true, name: 'Gemeente Open' });
  const domainOf = (org: { email_domains: string[] }) => org.email_domains[0] as string;

  async function signUp(form: Record<string, string | string[]>, locale?: 'en') {
    const client = clientWithOwnAddress(t.app);
    if (locale) client.cookies.set('lk_lang', locale);
    await client.get('/aanmelden');
    return { client, response: await client.post('/aanmelden', form) };
  }

  it('creates a pending account, mails a link in the visitor’s language, and the link with the password activates and logs in', async () => {
    const org = await openOrganisation();
    const email = `fatima@${domainOf(org)}`;
    const { client, response } = await signUp({ email, name: 'Fatima de Vries', password: PASSWORD }, 'en');
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/aanmelden/verstuurd');
    assert.match((await client.get('/aanmelden/verstuurd')).body, /Check your e-mail/);

    const pending = await t.deps.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    assert.equal(pending.status, 'pending');
    assert.equal(pending.organisation_id, org.id);
    assert.equal(pending.role, 'member');
    assert.equal(pending.email_verified_at, null);
    const [mail] = mailer.to(email);
    assert.equal(mail?.subject, 'Confirm your e-mail address for Leerkring');
    assert.match(mail?.html ?? '', /lang="en"/);
    const link = linkIn(mail?.text ?? '', '/aanmelden/bevestigen/');

    const visitor = clientWithOwnAddress(t.app);
    const form = await visitor.get(link);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, new RegExp(email));
    const pendingAfterGet = await t.deps.db.selectFrom('users').select('status').where('id', '=', pending.id).executeTakeFirstOrThrow();
    assert.equal(pendingAfterGet.status, 'pending', 'opening the link (e.g. by a mail scanner) does not activate');

    const wrong = await visitor.post(link, { password: 'niet mijn wachtwoord' });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Dit wachtwoord klopt niet/);
    const confirmed = await visitor.post(link, { password: PASSWORD });
    assert.equal(confirmed.statusCode, 303);
    assert.equal(confirmed.headers.location, '/');
    assert.match((await visitor.get('/')).body, /Fatima de Vries/);

    const active = await t.deps.db.selectFrom('users').selectAll().where('id', '=', pending.id).executeTakeFirstOrThrow();
    assert.equal(active.status, 'active');
    assert.ok(active.email_verified_at);
    const events = t.deps.dispatched.filter((e) => e.payload.userId === pending.id).map((e) => e.name);
    assert.deepEqual(events, ['account.created', 'account.email_verified']);
    assert.equal((await clientWithOwnAddress(t.app).get(link)).statusCode, 410, 'the link works once');
  });

  it('refuses domains without self sign-up, keeping what was typed', async () => {
    const closed = await createTestOrganisation(t.deps, { allowSelfSignup: false });
    for (const email of [`iemand@${domainOf(closed)}`, 'iemand@onbekend-domein.test']) {
      const { response } = await signUp({ email, name: 'Iemand Anders', password: PASSWORD });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /kun je je niet zelf aanmelden/);
      assert.match(response.body, new RegExp(`value="${email}"`));
      assert.match(response.body, /value="Iemand Anders"/);
      assert.doesNotMatch(response.body, new RegExp(PASSWORD));
    }
  });

  it('answers the same for an existing account and mails its owner instead', async () => {
    const org = await openOrganisation();
    const existing = await createTestUser(t.deps, org.id, { email: `bestaand@${domainOf(org)}`, locale: 'en' });
    const { response } = await signUp({ email: existing.email, name: 'Nep Naam', password: PASSWORD });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/aanmelden/verstuurd');
    const mails = mailer.to(existing.email);
    assert.equal(mails.length, 1);
    assert.equal(mails[0]?.subject, 'You already have a Leerkring account');
    assert.doesNotMatch(mails[0]?.text ?? '', /bevestigen/);
    const user = await t.deps.db.selectFrom('users').selectAll().where('id', '=', existing.id).executeTakeFirstOrThrow();
    assert.equal(user.name, existing.name, 'nothing about the account changed');
    assert.equal(user.password_hash, existing.password_hash);

    const deactivated = await createTestUser(t.deps, org.id, { email: `weg@${domainOf(org)}`, status: 'deactivated' });
    const second = await signUp({ email: deactivated.email, name: 'Weg', password: PASSWORD });
    assert.equal(second.response.headers.location, '/aanmelden/verstuurd');
    assert.equal(mailer.to(deactivated.email).length, 0);
  });

  it('a second sign-up of a pending address replaces the password and the link', async () => {
    const org = await openOrganisation();
    const email = `twee-keer@${domainOf(org)}`;
    await signUp({ email, name: 'Eerste', password: PASSWORD });
    await signUp({ email, name: 'Tweede', password: 'een andere lange zin' });
    const [first, second] = mailer.to(email);
    const visitor = clientWithOwnAddress(t.app);
    assert.equal((await visitor.get(linkIn(first?.text ?? '', '/aanmelden/bevestigen/'))).statusCode, 410);
    const link = linkIn(second?.text ?? '', '/aanmelden/bevestigen/');
    await visitor.get(link);
    assert.equal((await visitor.post(link, { password: PASSWORD })).statusCode, 422, 'the first password no longer works');
    assert.equal((await visitor.post(link, { password: 'een andere lange zin' })).statusCode, 303);
    assert.match((await visitor.get('/')).body, /Tweede/);
  });

  it('re-renders bad input without a server error', async () => {
    const org = await openOrganisation();
    const email = `fout@${domainOf(org)}`;
    const cases: [Record<string, string | string[]>, RegExp][] = [
      [{ email, name: 'Kort', password: 'kort' }, /minstens 8 tekens/],
      [{ email, name: 'Veel', password: 'welkom123' }, /veel gebruikt/],
      [{ email: 'geen-adres', name: 'X', password: PASSWORD }, /geldig e-mailadres/],
      [{}, /Vul dit veld in/],
      [{ email: [email, email], name: ['a', 'b'], password: PASSWORD }, /id="error-summary"/],
      [{ email, name: 'x'.repeat(200), password: PASSWORD }, /hoogstens 120 tekens/],
    ];
    for (const [form, message] of cases) {
      const { response } = await signUp(form);
      assert.equal(response.statusCode, 422, JSON.stringify(form));
      assert.match(response.body, message);
    }
    assert.equal(mailer.to(email).length, 0);
  });

  it('limits sign-ups per IP address', async () => {
    const limited = await createTestApp({ mailer: createCapturingMailer(), config: { loginRateLimit: 1 } });
    try {
      const org = await openOrganisation();
      const client = clientWithOwnAddress(limited.app);
      await client.get('/aanmelden');
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await client.post('/aanmelden', { email: `r${i}@${domainOf(org)}`, name: 'R', password: PASSWORD })).statusCode);
      assert.deepEqual(statuses, [303, 303, 303, 303, 303, 429]);
      const other = clientWithOwnAddress(limited.app);
      await other.get('/aanmelden');
      assert.equal((await other.post('/aanmelden', { email: `r9@${domainOf(org)}`, name: 'R', password: PASSWORD })).statusCode, 303, 'another address is not limited');
    } finally {
      await limited.close();
    }
  });
});
