import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestApp, createTestOrganisation, createTestUser, loggedInClient, TestClient } from '../../test/harness.ts';

const unique = () => randomUUID().slice(0, 8);

describe('platform administration of organisations (no JavaScript)', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let admin: TestClient;
  before(async () => {
    t = await createTestApp();
    const home = await createTestOrganisation(t.deps);
    const user = await createTestUser(t.deps, home.id, { isPlatformAdmin: true, role: 'admin' });
    admin = await loggedInClient(t.app, user.email);
  });
  after(() => t.close());

  it('asks anonymous visitors to log in, and is not there for anyone else (even an organisation admin)', async () => {
    const org = await createTestOrganisation(t.deps);
    assert.equal((await new TestClient(t.app).get('/beheer/organisaties')).statusCode, 401);
    const orgAdmin = await loggedInClient(t.app, (await createTestUser(t.deps, org.id, { role: 'admin' })).email);
    for (const url of ['/beheer/organisaties', '/beheer/organisaties/nieuw', `/beheer/organisaties/${org.slug}`]) {
      assert.equal((await orgAdmin.get(url)).statusCode, 404, url);
    }
    assert.equal((await orgAdmin.post('/beheer/organisaties/nieuw', { name: 'Gemeente Inbreker', kind: 'municipality' })).statusCode, 404);
    assert.equal((await orgAdmin.post(`/beheer/organisaties/${org.slug}`, { name: 'Overgenomen', kind: 'partner' })).statusCode, 404);
  });

  it('lists organisations in pages and searches by name', async () => {
    const prefix = `Zoekgemeente ${unique()}`;
    for (let i = 0; i < 26; i += 1) await createTestOrganisation(t.deps, { name: `${prefix} ${String(i).padStart(2, '0')}` });
    const first = await admin.get(`/beheer/organisaties?zoek=${encodeURIComponent(prefix)}`);
    assert.equal(first.statusCode, 200);
    assert.equal(first.body.match(new RegExp(prefix, 'g'))?.length, 25 + 1, '25 rows and the search box');
    assert.match(first.body, /rel="next"/);
    const second = await admin.get(`/beheer/organisaties?zoek=${encodeURIComponent(prefix)}&pagina=2`);
    assert.match(second.body, new RegExp(`${prefix} 25`));
    assert.doesNotMatch(second.body, /rel="next"/);
    assert.equal((await admin.get('/beheer/organisaties?pagina=abc&zoek[]=x')).statusCode, 200);
    assert.match((await admin.get(`/beheer/organisaties?zoek=niets-${unique()}`)).body, /Geen organisaties gevonden/);
  });

  it('creates an organisation with a slug made from its name and normalised domains', async () => {
    const id = unique();
    const page = await admin.get('/beheer/organisaties/nieuw');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="slug"/);
    const response = await admin.post('/beheer/organisaties/nieuw', {
      name: `Gemeente Één ${id}`,
      slug: '',
      kind: 'municipality',
      emailDomains: `Een-${id}.NL, een-${id}.nl\nmail.een-${id}.nl`,
      allowSelfSignup: 'yes',
    });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `/beheer/organisaties/gemeente-een-${id}`);
    const row = await t.deps.db.selectFrom('organisations').selectAll().where('slug', '=', `gemeente-een-${id}`).executeTakeFirstOrThrow();
    assert.deepEqual(row.email_domains, [`een-${id}.nl`, `mail.een-${id}.nl`]);
    assert.equal(row.allow_self_signup, true);
    assert.ok(t.deps.dispatched.some((e) => e.name === 'organisation.created' && e.payload.organisationId === row.id));
    const edit = await admin.get(response.headers.location as string);
    assert.match(edit.body, /De organisatie is aangemaakt/);
    assert.match(edit.body, new RegExp(`Gemeente Één ${id}`));
  });

  it('re-renders bad input with what was typed and a message per field, never a server error', async () => {
    const id = unique();
    const response = await admin.post('/beheer/organisaties/nieuw', { name: `Gemeente ${id}`, slug: 'Niet Goed!', kind: 'kasteel', emailDomains: `goed-${id}.nl, http://fout` });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /id="error-summary"/);
    assert.match(response.body, /Gebruik alleen kleine letters, cijfers en streepjes/);
    assert.match(response.body, /Kies een van de mogelijkheden/);
    assert.match(response.body, new RegExp(`value="Gemeente ${id}"`));
    assert.match(response.body, new RegExp(`goed-${id}.nl, http://fout`));
    const empty = await admin.post('/beheer/organisaties/nieuw', { name: `Gemeente Leeg ${id}`, kind: 'municipality', emailDomains: 'fout' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, new RegExp(`value="gemeente-leeg-${id}"`), 'the derived slug is shown, ready to edit');
    const odd = await admin.post('/beheer/organisaties/nieuw', { name: ['a', 'b'], kind: 'municipality' });
    assert.equal(odd.statusCode, 422);
  });

  it('refuses a slug or an e-mail domain that another organisation has', async () => {
    const other = await createTestOrganisation(t.deps, { name: `Bezet ${unique()}` });
    const takenSlug = await admin.post('/beheer/organisaties/nieuw', { name: 'Gemeente Dubbel', slug: other.slug, kind: 'municipality' });
    assert.equal(takenSlug.statusCode, 422);
    assert.match(takenSlug.body, /Deze korte naam is al in gebruik/);
    const domain = other.email_domains[0] as string;
    const takenDomain = await admin.post('/beheer/organisaties/nieuw', { name: `Gemeente ${unique()}`, kind: 'partner', emailDomains: domain.toUpperCase() });
    assert.equal(takenDomain.statusCode, 422);
    assert.match(takenDomain.body, new RegExp(`Het domein ${domain.replace(/\./g, '\\.')} hoort al bij`));
    assert.equal((await admin.post('/beheer/organisaties/nieuw', { name: 'Nieuw', slug: 'nieuw', kind: 'partner' })).statusCode, 422);
  });

  it('edits an organisation with its theme tokens, which its stylesheet then serves', async () => {
    const org = await createTestOrganisation(t.deps, { name: `Themagemeente ${unique()}` });
    const page = await admin.get(`/beheer/organisaties/${org.slug}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="theme.--basis-color-accent-1-color-default"/);
    const newSlug = `${org.slug}-nieuw`;
    const response = await admin.post(`/beheer/organisaties/${org.slug}`, {
      name: 'Gemeente Thema',
      slug: newSlug,
      kind: 'partner',
      emailDomains: org.email_domains.join(','),
      'theme.--basis-color-accent-1-color-default': '#1A5B8F',
      'theme.--basis-text-font-family-default': '"Fira Sans", sans-serif',
      'theme.--utrecht-link-color': '',
    });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `/beheer/organisaties/${newSlug}`);
    const css = await t.app.inject(`/thema/${org.id}.css`);
    assert.equal(css.body, '.voorbeeld-theme {\n  --basis-color-accent-1-color-default: #1a5b8f;\n  --basis-text-font-family-default: "Fira Sans", sans-serif;\n}\n');
    const updated = t.deps.dispatched.find((e) => e.name === 'organisation.updated' && e.payload.organisationId === org.id);
    assert.deepEqual(updated?.payload.changed, ['name', 'slug', 'kind', 'theme']);
    assert.equal((await admin.get(`/beheer/organisaties/${org.slug}`)).statusCode, 404, 'the old address is gone');
  });

  it('refuses theme values that try to inject CSS, and keeps the stored theme', async () => {
    const org = await createTestOrganisation(t.deps);
    await t.deps.db.updateTable('organisations').set({ theme: JSON.stringify({ '--utrecht-link-color': '#00f' }) }).where('id', '=', org.id).execute();
    for (const attempt of ['red;} body{display:none', '</style><script>alert(1)</script>', 'url(javascript:alert(1))']) {
      const response = await admin.post(`/beheer/organisaties/${org.slug}`, {
        name: org.name,
        slug: org.slug,
        kind: 'municipality',
        'theme.--utrecht-link-color': attempt,
        'theme.--basis-heading-font-family': attempt,
      });
      assert.equal(response.statusCode, 422, attempt);
      assert.match(response.body, /Vul een kleur in als #1a5b8f/);
      assert.match(response.body, /Vul lettertypen in met alleen letters/);
      assert.doesNotMatch(response.body, /<script>alert/, 'the typed value is escaped when shown again');
    }
    assert.equal((await t.app.inject(`/thema/${org.id}.css`)).body, '.voorbeeld-theme {\n  --utrecht-link-color: #00f;\n}\n');
  });

  it('answers 404 for an organisation that does not exist', async () => {
    assert.equal((await admin.get(`/beheer/organisaties/bestaat-niet-${unique()}`)).statusCode, 404);
    assert.equal((await admin.post(`/beheer/organisaties/bestaat-niet-${unique()}`, { name: 'X y', kind: 'partner' })).statusCode, 404);
  });

  it('shows the pages in English', async () => {
    const org = await createTestOrganisation(t.deps);
    const user = await createTestUser(t.deps, org.id, { isPlatformAdmin: true, locale: 'en' });
    const client = await loggedInClient(t.app, user.email);
    const page = await client.get('/beheer/organisaties/nieuw');
    assert.match(page.body, /New organisation/);
    assert.match(page.body, /Partner organisation/);
  });
});
