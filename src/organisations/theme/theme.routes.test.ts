import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestApp, createTestOrganisation, createTestUser, loggedInClient } from '../../../test/harness.ts';

describe('GET /thema/:organisationId.css', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it("serves the organisation's tokens as a private, briefly cached stylesheet", async () => {
    const org = await createTestOrganisation(t.deps);
    await t.deps.db.updateTable('organisations').set({ theme: JSON.stringify({ '--utrecht-link-color': '#0b57d0' }) }).where('id', '=', org.id).execute();
    const response = await t.app.inject(`/thema/${org.id}.css`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/css/);
    assert.equal(response.headers['cache-control'], 'private, max-age=300');
    assert.equal(response.body, '.voorbeeld-theme {\n  --utrecht-link-color: #0b57d0;\n}\n');
  });

  it('answers an empty stylesheet, never an error page, for no theme or an unknown or odd id', async () => {
    const org = await createTestOrganisation(t.deps);
    for (const url of [`/thema/${org.id}.css`, `/thema/${randomUUID()}.css`, '/thema/niet-een-id.css', "/thema/'%3B--.css", '/thema/.css']) {
      const response = await t.app.inject(url);
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.body, '', url);
      assert.match(String(response.headers['content-type']), /^text\/css/, url);
    }
  });

  it('leaves out values that were written around the validation', async () => {
    const org = await createTestOrganisation(t.deps);
    const theme = { '--utrecht-link-color': 'red;} body{display:none', '--basis-text-font-family-default': '</style><script>alert(1)</script>', '--evil': '#fff', '--basis-color-accent-1-color-default': 'url(javascript:alert(1))' };
    await t.deps.db.updateTable('organisations').set({ theme: JSON.stringify(theme) }).where('id', '=', org.id).execute();
    assert.equal((await t.app.inject(`/thema/${org.id}.css`)).body, '');
  });

  it('is linked from every page of a signed-in member', async () => {
    const org = await createTestOrganisation(t.deps);
    const client = await loggedInClient(t.app, (await createTestUser(t.deps, org.id)).email);
    assert.match((await client.get('/')).body, new RegExp(`href="/thema/${org.id}.css"`));
  });
});
