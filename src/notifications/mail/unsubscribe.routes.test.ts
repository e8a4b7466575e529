import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, createTestOrganisation, createTestUser, loggedInClient } from '../../../test/harness.ts';
import { signUnsubscribeToken, type MailCategory } from './mail.models.ts';
import { unsubscribeKey } from './mail.repository.ts';

/** One-click unsubscribe: no session, only for the link's own person and category, RFC 8058 POST. */
describe('unsubscribe links', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const world = async () => {
    const org = await createTestOrganisation(t.deps);
    const [alice, bob] = [await createTestUser(t.deps, org.id, { locale: 'en' }), await createTestUser(t.deps, org.id)];
    const key = await unsubscribeKey(t.deps.db);
    const link = (userId: string, category: MailCategory) => `/afmelden/${signUnsubscribeToken(key, userId, category)}`;
    return { alice, bob, link };
  };
  const state = async (userId: string) => ({
    digest: (await t.deps.db.selectFrom('users').select('digest_frequency').where('id', '=', userId).executeTakeFirstOrThrow()).digest_frequency,
    preferences: (await t.deps.db.selectFrom('notification_preferences').select(['category', 'community_id', 'channel']).where('user_id', '=', userId).orderBy('category').execute()),
  });
  const oneClick = (url: string) => t.app.inject({ method: 'POST', url, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  it('shows what will be turned off without a session and changes nothing until the button is pressed', async () => {
    const { alice, link } = await world();
    const page = await t.app.inject({ method: 'GET', url: link(alice.id, 'direct'), headers: { accept: 'text/html', 'accept-language': 'nl' } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Afmelden voor e-mail/);
    assert.match(page.body, /e-mail over wat jou direct aangaat/);
    assert.match(page.body, new RegExp(`<form method="post" action="${link(alice.id, 'direct')}"`));
    assert.deepEqual((await state(alice.id)).preferences, []);
  });

  it('the page form posts without a CSRF token and turns the category to in-app only, leaving "off" off', async () => {
    const { alice, link } = await world();
    await t.deps.db.insertInto('notification_preferences').values({ user_id: alice.id, category: 'activity', community_id: null, channel: 'off', updated_at: new Date() }).execute();
    const done = await t.app.inject({ method: 'POST', url: link(alice.id, 'direct'), payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' } });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /You are unsubscribed/);
    assert.equal(done.headers['set-cookie'], undefined, 'no session, no cookie');
    await oneClick(link(alice.id, 'activity'));
    assert.deepEqual((await state(alice.id)).preferences, [{ category: 'activity', community_id: null, channel: 'off' }, { category: 'direct', community_id: null, channel: 'in_app' }]);
  });

  it('RFC 8058 one-click POST turns the digest off', async () => {
    const { bob, link } = await world();
    const response = await oneClick(link(bob.id, 'digest'));
    assert.equal(response.statusCode, 200);
    assert.equal((await state(bob.id)).digest, 'off');
  });

  it('works only for its own person and category: tampered and forged links are 404 and change nothing', async () => {
    const { alice, bob, link } = await world();
    const good = link(alice.id, 'digest');
    const [payload, signature] = good.slice('/afmelden/'.length).split('.') as [string, string];
    // Bob's id with Alice's signature, Alice's payload with another category, a flipped signature, nonsense.
    const forged = [
      `/afmelden/${Buffer.from(`${bob.id}.digest`).toString('base64url')}.${signature}`,
      `/afmelden/${Buffer.from(`${alice.id}.direct`).toString('base64url')}.${signature}`,
      `/afmelden/${payload}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
      '/afmelden/niet-geldig',
      `/afmelden/${payload}`,
    ];
    for (const url of forged) {
      assert.equal((await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } })).statusCode, 404, url);
      const posted = await oneClick(url);
      assert.equal(posted.statusCode, 404, url);
      assert.match(posted.body, /afmeldlink klopt niet/);
    }
    assert.deepEqual(await state(alice.id), { digest: 'daily', preferences: [] });
    assert.deepEqual(await state(bob.id), { digest: 'daily', preferences: [] });
  });

  it('a signed-in other person using someone’s link changes only the link’s person', async () => {
    const { alice, bob, link } = await world();
    const client = await loggedInClient(t.app, bob.email);
    const response = await client.post(link(alice.id, 'digest'), {});
    assert.equal(response.statusCode, 200);
    assert.equal((await state(alice.id)).digest, 'off');
    assert.equal((await state(bob.id)).digest, 'daily');
  });
});
