import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clientWithOwnAddress, createCapturingMailer, createTestApp, createTestOrganisation, createTestUser, sessionClient, TEST_PASSWORD } from '../../../test/harness.ts';

const NEW_PASSWORD = 'nog een andere lange zin';

describe('profile and password (no JavaScript)', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  const mailer = createCapturingMailer();
  before(async () => {
    t = await createTestApp({ mailer });
  });
  after(() => t.close());

  async function member() {
    const org = await createTestOrganisation(t.deps, { name: 'Gemeente Profielstad' });
    const user = await createTestUser(t.deps, org.id, { name: 'Piet Profiel', jobTitle: 'Wmo-consulent', expertise: ['Wmo'] });
    return { org, user, client: await sessionClient(t.deps, t.app, user.id) };
  }

  it('shows the profile with the organisation read-only and saves changes', async () => {
    const { user, client } = await member();
    const page = await client.get('/profiel');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Gemeente Profielstad/);
    assert.doesNotMatch(page.body, /name="organisation/);
    assert.match(page.body, /value="Wmo-consulent"/);
    assert.match(page.body, /aria-current="page"[^>]*>Profiel|href="\/profiel" aria-current="page"/);

    const saved = await client.post('/profiel', {
      name: '  Piet  de Profiel ',
      jobTitle: 'Schuldhulpverlener',
      bio: 'Ik werk sinds 2015 in de schuldhulp.',
      expertise: 'schuldhulp, Wmo , wmo, , jeugd',
      locale: 'en',
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/profiel');
    const row = await t.deps.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    assert.equal(row.name, 'Piet de Profiel');
    assert.equal(row.job_title, 'Schuldhulpverlener');
    assert.deepEqual(row.expertise, ['schuldhulp', 'Wmo', 'jeugd']);
    assert.equal(row.locale, 'en');
    const after = await client.get('/profiel');
    assert.match(after.body, /Your profile has been saved/, 'the language follows the profile');
    assert.match(after.body, /value="schuldhulp, Wmo, jeugd"/);
  });

  it('re-renders invalid input with what was typed and no server error', async () => {
    const { client } = await member();
    const tooMany = Array.from({ length: 21 }, (_, i) => `onderwerp ${i}`).join(', ');
    const cases: [Record<string, string | string[]>, RegExp][] = [
      [{ name: '', jobTitle: 'X', bio: '', expertise: '', locale: 'nl' }, /Vul dit veld in/],
      [{ name: 'P', jobTitle: '', bio: 'b'.repeat(1001), expertise: '', locale: 'nl' }, /hoogstens 1\.000 tekens/],
      [{ name: 'P', jobTitle: '', bio: '', expertise: tooMany, locale: 'nl' }, /Kies er hoogstens 20/],
      [{ name: 'P', jobTitle: '', bio: '', expertise: `kort, ${'x'.repeat(41)}`, locale: 'nl' }, /hoogstens 40 tekens/],
      [{ name: 'P', jobTitle: '', bio: '', expertise: '', locale: 'fr' }, /Kies een van de mogelijkheden/],
      [{ name: ['a', 'b'], bio: { x: 1 } as unknown as string }, /id="error-summary"/],
    ];
    for (const [form, message] of cases) {
      const response = await client.post('/profiel', form);
      assert.equal(response.statusCode, 422, JSON.stringify(form).slice(0, 80));
      assert.match(response.body, message);
      assert.match(response.body, /Gemeente Profielstad/);
    }
    const typed = await client.post('/profiel', { name: '', jobTitle: 'Getypte functie', bio: 'Getypte tekst', expertise: 'a, b', locale: 'nl' });
    assert.match(typed.body, /value="Getypte functie"/);
    assert.match(typed.body, />Getypte tekst</);
    assert.match(typed.body, /value="a, b"/);
  });

  it('asks to log in first', async () => {
    const anonymous = clientWithOwnAddress(t.app);
    assert.equal((await anonymous.get('/profiel')).statusCode, 401);
    assert.equal((await anonymous.get('/profiel/wachtwoord')).statusCode, 401);
    await anonymous.get('/inloggen');
    assert.equal((await anonymous.post('/profiel', { name: 'X' })).statusCode, 401);
  });

  it('changes the password with the current one, ending other sessions and mailing a notice', async () => {
    const { user, client } = await member();
    const otherDevice = await sessionClient(t.deps, t.app, user.id);
    await client.get('/profiel/wachtwoord');

    const wrong = await client.post('/profiel/wachtwoord', { currentPassword: 'fout fout fout', password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /Dit is niet je huidige wachtwoord/);
    assert.doesNotMatch(wrong.body, /fout fout fout|nog een andere/);
    const mismatch = await client.post('/profiel/wachtwoord', { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, passwordConfirmation: 'anders' });
    assert.equal(mismatch.statusCode, 422);
    const short = await client.post('/profiel/wachtwoord', { currentPassword: TEST_PASSWORD, password: 'kort', passwordConfirmation: 'kort' });
    assert.match(short.body, /minstens 8 tekens/);

    const changed = await client.post('/profiel/wachtwoord', { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
    assert.equal(changed.statusCode, 303);
    assert.match((await client.get('/profiel')).body, /Je wachtwoord is gewijzigd/);
    assert.doesNotMatch((await otherDevice.get('/')).body, /Piet Profiel/, 'the other device is logged out');
    assert.equal(mailer.to(user.email).at(-1)?.subject, 'Je wachtwoord voor Leerkring is gewijzigd');
    const login = clientWithOwnAddress(t.app);
    await login.get('/inloggen');
    assert.equal((await login.post('/inloggen', { email: user.email, password: NEW_PASSWORD })).statusCode, 303);
  });
});
