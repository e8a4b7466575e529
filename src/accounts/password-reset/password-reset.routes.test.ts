import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  bearerRequest,
  clientWithOwnAddress,
  createTestPersonalAccessToken,
  createCapturingMailer,
  createTestApp,
  createTestOrganisation,
  createTestUser,
  eventually,
  linkIn,
  sessionClient,
  TEST_PASSWORD,
} from '../../../test/harness.ts';

const NEW_PASSWORD = 'mijn nieuwe lange zin';

describe('password reset (no JavaScript)', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  const mailer = createCapturingMailer();
  before(async () => {
    t = await createTestApp({ mailer });
  });
  after(() => t.close());

  async function requestReset(email: string) {
    const client = clientWithOwnAddress(t.app);
    await client.get('/wachtwoord-vergeten');
    return client.post('/wachtwoord-vergeten', { email });
  }

  it('mails a single-use link; the new password ends every session and logs in', async () => {
    const org = await createTestOrganisation(t.deps);
    const user = await createTestUser(t.deps, org.id, { name: 'Ruud Reset', locale: 'en' });
    const otherDevice = await sessionClient(t.deps, t.app, user.id);
    const apiToken = await createTestPersonalAccessToken(t.deps, user.id);
    assert.equal((await bearerRequest(t.app, apiToken, 'GET', '/api/v1/me')).statusCode, 200);

    const response = await requestReset(user.email.toUpperCase());
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/wachtwoord-vergeten/verstuurd');
    const mail = await eventually(() => mailer.to(user.email)[0]);
    assert.equal(mail.subject, 'Choose a new password for Leerkring');
    const link = linkIn(mail.text, '/wachtwoord-herstellen/');

    const visitor = clientWithOwnAddress(t.app);
    const form = await visitor.get(link);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Minstens 8 en hoogstens 128 tekens/);
    const mismatch = await visitor.post(link, { password: NEW_PASSWORD, passwordConfirmation: 'iets anders' });
    assert.equal(mismatch.statusCode, 422);
    assert.match(mismatch.body, /niet gelijk/);
    const common = await visitor.post(link, { password: 'wachtwoord', passwordConfirmation: 'wachtwoord' });
    assert.equal(common.statusCode, 422);

    const done = await visitor.post(link, { password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/');
    assert.match((await visitor.get('/')).body, /Ruud Reset/);
    assert.doesNotMatch((await otherDevice.get('/')).body, /Ruud Reset/, 'other sessions ended');
    const sessions = await t.deps.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    assert.equal(sessions.length, 1, 'only the new session remains');
    assert.equal((await bearerRequest(t.app, apiToken, 'GET', '/api/v1/me')).statusCode, 401, 'access tokens are revoked too');

    assert.equal((await clientWithOwnAddress(t.app).get(link)).statusCode, 410);
    assert.equal((await visitor.post(link, { password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD })).statusCode, 410);
    const logIn = clientWithOwnAddress(t.app);
    await logIn.get('/inloggen');
    assert.equal((await logIn.post('/inloggen', { email: user.email, password: TEST_PASSWORD })).statusCode, 422, 'the old password no longer works');
    assert.equal((await logIn.post('/inloggen', { email: user.email, password: NEW_PASSWORD })).statusCode, 303);

    const notice = mailer.to(user.email).at(-1);
    assert.equal(notice?.subject, 'Your Leerkring password has been changed');
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('subject_id', '=', user.id).execute();
    assert.deepEqual(audit.map((a) => a.action), ['account.password_reset']);
    assert.ok(t.deps.dispatched.some((e) => e.name === 'account.password_reset' && e.payload.userId === user.id));
  });

  it('shows the same confirmation and sends nothing for unknown, pending or deactivated addresses', async () => {
    const org = await createTestOrganisation(t.deps);
    const pending = await createTestUser(t.deps, org.id, { status: 'pending' });
    const deactivated = await createTestUser(t.deps, org.id, { status: 'deactivated' });
    for (const email of ['niemand@nergens.test', pending.email, deactivated.email]) {
      const response = await requestReset(email);
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/wachtwoord-vergeten/verstuurd');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(mailer.to(pending.email).length + mailer.to(deactivated.email).length + mailer.to('niemand@nergens.test').length, 0);
  });

  it('only the newest link works, and an expired link answers 410', async () => {
    const org = await createTestOrganisation(t.deps);
    const user = await createTestUser(t.deps, org.id);
    await requestReset(user.email);
    await requestReset(user.email);
    const [first, second] = await eventually(() => (mailer.to(user.email).length === 2 ? mailer.to(user.email) : undefined));
    assert.equal((await clientWithOwnAddress(t.app).get(linkIn(first?.text ?? '', '/wachtwoord-herstellen/'))).statusCode, 410);
    const link = linkIn(second?.text ?? '', '/wachtwoord-herstellen/');
    assert.equal((await clientWithOwnAddress(t.app).get(link)).statusCode, 200);
    await t.deps.db.updateTable('one_time_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', user.id).execute();
    const expired = await clientWithOwnAddress(t.app).get(link);
    assert.equal(expired.statusCode, 410);
    assert.match(expired.body, /Een nieuwe link aanvragen/);
  });

  it('re-renders bad input with the typed address', async () => {
    const response = await requestReset('geen-geldig-adres');
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /value="geen-geldig-adres"/);
    assert.match(response.body, /geldig e-mailadres/);
    const client = clientWithOwnAddress(t.app);
    await client.get('/wachtwoord-vergeten');
    assert.equal((await client.post('/wachtwoord-vergeten', { email: ['a@b.nl', 'c@d.nl'] })).statusCode, 422);
  });

  it('limits requests per address and per IP address', async () => {
    const limited = await createTestApp({ mailer: createCapturingMailer(), config: { loginRateLimit: 1 } });
    try {
      const client = clientWithOwnAddress(limited.app);
      await client.get('/wachtwoord-vergeten');
      assert.equal((await client.post('/wachtwoord-vergeten', { email: 'een@limiet.test' })).statusCode, 303);
      assert.equal((await client.post('/wachtwoord-vergeten', { email: 'een@limiet.test' })).statusCode, 429, 'per address');
      for (let i = 0; i < 3; i++) assert.equal((await client.post('/wachtwoord-vergeten', { email: `x${i}@limiet.test` })).statusCode, 303);
      assert.equal((await client.post('/wachtwoord-vergeten', { email: 'x9@limiet.test' })).statusCode, 429, 'per IP address');
    } finally {
      await limited.close();
    }
  });
});
