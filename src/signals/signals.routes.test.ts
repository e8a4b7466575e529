import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bearerRequest, clientWithOwnAddress, createTestApp, createTestCommunity, createTestOrganisation, createTestPersonalAccessToken, createTestUser, sessionClient } from '../../test/harness.ts';
import { addDays, weekStartOf } from '../platform/local-time.ts';
import type { UserRow } from '../platform/db/schema.ts';
import { csvCell } from './signals.csv.ts';

/**
 * The signals page, its CSV and API, and the members' explanation page, through inject(). The
 * figures are written straight into the rollup (signal_weekly) for the last four completed weeks,
 * so the shared database's other communities are never rolled up here. In the latest week a story
 * was tried 4321 times across organisations by 3 people (suppressed) and 1000 times within them
 * by 10 (hidden as its complement): neither number may leave the server in any form.
 */
const FORMULA = '=HYPERLINK("http://evil.example","klik")';
const RARE_SEARCH = 'jansen dossier 8812';
// Not as part of a longer number, a hash or a token.
const leaks = (body: string) => [/(?<![\w.,\-/+=])4[.,]?321(?![\w.,\-/+=])/, /(?<![\w.,\-/+=])1[.,]?000(?![\w.,\-/+=])/].filter((pattern) => pattern.test(body)).map(String);

describe('signals: pages, CSV and API', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let facilitator: UserRow;
  let member: UserRow;
  let manager: UserRow;
  let outsider: UserRow;
  let community: { id: string; slug: string };
  let weeks: string[];

  before(async () => {
    t = await createTestApp();
    const org = await createTestOrganisation(t.deps);
    const otherOrg = await createTestOrganisation(t.deps);
    facilitator = await createTestUser(t.deps, org.id);
    member = await createTestUser(t.deps, org.id);
    manager = await createTestUser(t.deps, org.id, { role: 'manager' });
    outsider = await createTestUser(t.deps, otherOrg.id, { role: 'manager' });
    community = await createTestCommunity(t.deps, org.id, { visibility: 'closed', members: [{ userId: facilitator.id, role: 'facilitator' }, { userId: member.id }] });
    const lastCompleted = addDays(weekStartOf(new Date()), -7);
    weeks = [21, 14, 7, 0].map((days) => addDays(lastCompleted, -days));
    const row = (week: string, metric: string, value: number, people: number, subject = '') => ({ community_id: community.id, week_start: week, metric, subject, value, people });
    await t.deps.db.insertInto('signal_weekly').values([
      ...weeks.flatMap((week) => [row(week, 'active_members', 23, 23), row(week, 'contributors', 11, 11), row(week, 'questions_asked', 6, 6), row(week, 'questions_unanswered', 6, 6)]),
      row(lastCompleted, 'practice_tries', 5321, 13),
      row(lastCompleted, 'practice_tries_cross_org', 4321, 3),
      row(lastCompleted, 'practice_tries_same_org', 1000, 10),
      row(lastCompleted, 'search_misses', 7, 7, FORMULA),
      row(lastCompleted, 'search_misses', 2, 2, RARE_SEARCH),
    ] as never).execute();
  });
  after(() => t?.close());

  it('shows a facilitator the figures, with suppressed ones as "minder dan 5" and never their number', async () => {
    const client = await sessionClient(t.deps, t.app, facilitator.id);
    const response = await client.get(`/gemeenschappen/${community.slug}/signalen`);
    assert.equal(response.statusCode, 200);
    const body = response.body;
    assert.match(body, /minder dan 5/);
    assert.match(body, /verborgen/);
    assert.match(body, /5\.321/, 'the total of tries is shown');
    assert.deepEqual(leaks(body), []);
    assert.ok(!body.includes(RARE_SEARCH), 'a search made fewer than five times never leaves the database');
    assert.ok(body.includes('=HYPERLINK(&quot;http://evil.example&quot;,&quot;klik&quot;)'), 'the search text is shown, escaped');
    assert.match(body, /href="\/over\/signalen"/);
    assert.match(body, /<svg class="lk-signals-chart" role="img"/);
    assert.match(body, /48%/, 'shares as percentages: 11 of 23 active members posted something');
    assert.match(body, /href="\/gemeenschappen\/[^"]+\/signalen\.csv\?periode=last4/);
  });

  it('lets the owning organisation\'s manager in; a member gets 403, another organisation 404, no session 401', async () => {
    const page = `/gemeenschappen/${community.slug}/signalen`;
    assert.equal((await (await sessionClient(t.deps, t.app, manager.id)).get(page)).statusCode, 200);
    assert.equal((await (await sessionClient(t.deps, t.app, member.id)).get(page)).statusCode, 403);
    assert.equal((await (await sessionClient(t.deps, t.app, outsider.id)).get(page)).statusCode, 404);
    assert.equal((await (await sessionClient(t.deps, t.app, outsider.id)).get(`${page}.csv`)).statusCode, 404);
    assert.equal((await clientWithOwnAddress(t.app).get(page)).statusCode, 401);
  });

  it('links the page from the community home for those who may read it only', async () => {
    const home = `/gemeenschappen/${community.slug}`;
    const link = `href="/gemeenschappen/${community.slug}/signalen"`;
    assert.ok((await (await sessionClient(t.deps, t.app, manager.id)).get(home)).body.includes(link));
    assert.ok(!(await (await sessionClient(t.deps, t.app, member.id)).get(home)).body.includes(link));
  });

  it('reads the period picker leniently, and answers a refused range with the picker and 422', async () => {
    const client = await sessionClient(t.deps, t.app, facilitator.id);
    const unknown = await client.get(`/gemeenschappen/${community.slug}/signalen?periode=koning`);
    assert.equal(unknown.statusCode, 200, 'an unknown period is the default');
    assert.match(unknown.body, /<option value="last4" selected/);
    const quarter = await client.get(`/gemeenschappen/${community.slug}/signalen?periode=quarter`);
    assert.match(quarter.body, /<option value="quarter" selected/);
    const custom = await client.get(`/gemeenschappen/${community.slug}/signalen?periode=weeks&van=${weeks[1]}&tot=${weeks[2]}`);
    assert.equal(custom.statusCode, 200);
    assert.deepEqual(leaks(custom.body), []);
    const notMonday = await client.get(`/gemeenschappen/${community.slug}/signalen?periode=weeks&van=${addDays(weeks[0]!, 1)}&tot=${weeks[2]}`);
    assert.equal(notMonday.statusCode, 422);
    assert.match(notMonday.body, /de datum moet een maandag zijn/);
    assert.match(notMonday.body, /href="#field-van"/);
    assert.match(notMonday.body, new RegExp(`value="${addDays(weeks[0]!, 1)}"`), 'what was typed comes back');
  });

  it('exports CSV as an attachment, suppressed cells empty and marked, formulas defused', async () => {
    const client = await sessionClient(t.deps, t.app, facilitator.id);
    const response = await client.get(`/gemeenschappen/${community.slug}/signalen.csv?periode=last4`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="signalen-gem-[a-z0-9-]+-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = response.body.split('\r\n');
    assert.equal(lines[0], 'section,metric,subject,from,to,value,suppressed');
    assert.ok(lines.includes(`period,practice_tries_cross_org,,${weeks[0]},${weeks[3]},,yes`));
    assert.ok(lines.includes(`period,practice_tries_same_org,,${weeks[0]},${weeks[3]},,yes`));
    assert.ok(lines.includes(`period,practice_tries,,${weeks[0]},${weeks[3]},5321,no`));
    assert.ok(lines.includes(`week,practice_tries_cross_org,,${weeks[3]},${weeks[3]},,yes`));
    assert.ok(lines.includes(`search_miss,searches,"'=HYPERLINK(""http://evil.example"",""klik"")",${weeks[0]},${weeks[3]},7,no`));
    assert.deepEqual(leaks(response.body), []);
    assert.ok(!response.body.includes(RARE_SEARCH));
  });

  it('answers the API with the same figures, suppressed values null, and 422 for a bad period', async () => {
    const token = await createTestPersonalAccessToken(t.deps, facilitator.id, 'read');
    const response = await bearerRequest(t.app, token, 'GET', `/api/v1/communities/${community.id}/signals?period=last4`);
    assert.equal(response.statusCode, 200);
    const json = response.json();
    assert.deepEqual(json.figures.practice_tries_cross_org.current, { value: null, isSuppressed: true, covers: null, reason: 'fewer_than_k' });
    assert.deepEqual(json.figures.practice_tries_same_org.current, { value: null, isSuppressed: true, covers: null, reason: 'complementary' });
    assert.equal(json.figures.practice_tries.current.value, 5321);
    assert.equal(json.series.length, 4);
    assert.deepEqual(json.searchMisses, [{ query: FORMULA, count: { value: 7, isSuppressed: false, covers: 7, reason: null } }]);
    assert.deepEqual(leaks(response.body), []);
    const bad = await bearerRequest(t.app, token, 'GET', `/api/v1/communities/${community.id}/signals?period=koning`);
    // A query that does not fit the schema is a 400 (the platform's rule for query strings), naming the field.
    assert.equal(bad.statusCode, 400);
    assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
    assert.equal(bad.json().invalidParams[0].name, 'period');
    const notMonday = await bearerRequest(t.app, token, 'GET', `/api/v1/communities/${community.id}/signals?period=weeks&from=${addDays(weeks[0]!, 1)}&to=${weeks[2]}`);
    assert.equal(notMonday.statusCode, 422);
    assert.equal(notMonday.json().invalidParams[0].name, 'from');
    const memberToken = await createTestPersonalAccessToken(t.deps, member.id, 'read');
    assert.equal((await bearerRequest(t.app, memberToken, 'GET', `/api/v1/communities/${community.id}/signals`)).statusCode, 403);
    const openapi = await bearerRequest(t.app, token, 'GET', '/api/v1/openapi.json');
    assert.ok(openapi.json().paths['/api/v1/communities/{id}/signals'], 'in the OpenAPI document');
  });

  it('explains to every signed-in member what managers can see', async () => {
    const response = await (await sessionClient(t.deps, t.app, member.id)).get('/over/signalen');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Wat ziet je leidinggevende\?/);
    assert.match(response.body, /minder dan 5 mensen/);
    assert.match(response.body, /vrijwillig/);
    assert.equal((await clientWithOwnAddress(t.app).get('/over/signalen')).statusCode, 401);
  });
});

/**
 * The organisation and chain views for managers. A fresh organisation with two communities: Noord
 * (shared with a partner) shows 12 tries by 12 people in the latest week; Zuid 4321 tries by 3
 * people (suppressed, left out of the sums). The partner owns Oost (shared back), 9 answers across.
 */
describe('signals: organisation and chain views', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let manager: UserRow;
  let member: UserRow;
  let partnerManager: UserRow;
  let orgId: string;
  let weeks: string[];

  before(async () => {
    t = await createTestApp();
    const org = await createTestOrganisation(t.deps, { name: 'Gemeente Signaal' });
    const partner = await createTestOrganisation(t.deps, { name: 'Partner Signaal', kind: 'partner' });
    orgId = org.id;
    manager = await createTestUser(t.deps, org.id, { role: 'manager' });
    member = await createTestUser(t.deps, org.id);
    partnerManager = await createTestUser(t.deps, partner.id, { role: 'manager' });
    const noord = await createTestCommunity(t.deps, org.id, { name: 'Kring Noord', visibility: 'closed', partners: [partner.id] });
    const zuid = await createTestCommunity(t.deps, org.id, { name: 'Kring Zuid', visibility: 'open' });
    const oost = await createTestCommunity(t.deps, partner.id, { name: 'Kring Oost', visibility: 'closed', partners: [org.id] });
    const lastCompleted = addDays(weekStartOf(new Date()), -7);
    weeks = [21, 14, 7, 0].map((days) => addDays(lastCompleted, -days));
    const row = (communityId: string, week: string, metric: string, value: number, people: number, subject = '') => ({ community_id: communityId, week_start: week, metric, subject, value, people });
    await t.deps.db.insertInto('signal_weekly').values([
      row(noord.id, lastCompleted, 'practice_tries', 12, 12),
      row(noord.id, lastCompleted, 'practice_tries_same_org', 12, 12),
      row(zuid.id, lastCompleted, 'practice_tries', 4321, 3),
      row(zuid.id, lastCompleted, 'practice_tries_same_org', 4321, 3),
      row(oost.id, lastCompleted, 'answers', 9, 6),
      row(oost.id, lastCompleted, 'answers_cross_org', 9, 6),
      row(zuid.id, lastCompleted, 'search_misses', 6, 6, FORMULA),
    ] as never).execute();
  });
  after(() => t?.close());

  it('shows the manager the sums, saying what they leave out, never a suppressed number', async () => {
    const client = await sessionClient(t.deps, t.app, manager.id);
    const response = await client.get('/signalen');
    assert.equal(response.statusCode, 200);
    const body = response.body;
    assert.match(body, /Signalen: Gemeente Signaal/);
    assert.match(body, /Kring Noord/);
    assert.match(body, /Kring Zuid/);
    assert.ok(!body.includes('Kring Oost'), 'the organisation view: only its own communities');
    assert.match(body, />12 <span class="lk-meta">\(zonder 1 gemeenschap\)<\/span>/);
    assert.deepEqual(leaks(body), []);
    assert.match(body, /href="\/signalen\/keten"/);
    assert.match(body, /href="\/signalen" aria-current="page"/, 'the header links the view for managers');
    assert.match(body, /<svg class="lk-signals-chart" role="img"/);
  });

  it('shows the chain: shared communities from both sides, with answers across the boundary', async () => {
    const response = await (await sessionClient(t.deps, t.app, manager.id)).get('/signalen/keten?periode=quarter');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Kring Noord/);
    assert.match(response.body, /Kring Oost/);
    assert.match(response.body, /Partner Signaal/);
    assert.ok(!response.body.includes('Kring Zuid'), 'not shared with anyone');
    assert.match(response.body, /Kennis over de grenzen van organisaties/);
    // Oost is the partner's: its line is there, but no link to a page only the partner may open.
    assert.ok(!/href="\/gemeenschappen\/[^"]+\/signalen">Kring Oost/.test(response.body));
    const partnerView = await (await sessionClient(t.deps, t.app, partnerManager.id)).get('/signalen/keten');
    assert.match(partnerView.body, /Kring Noord/);
  });

  it('refuses members (403) and the anonymous (401); re-renders a refused range with 422', async () => {
    assert.equal((await (await sessionClient(t.deps, t.app, member.id)).get('/signalen')).statusCode, 403);
    assert.equal((await (await sessionClient(t.deps, t.app, member.id)).get('/signalen/keten.csv')).statusCode, 403);
    assert.equal((await clientWithOwnAddress(t.app).get('/signalen')).statusCode, 401);
    const client = await sessionClient(t.deps, t.app, manager.id);
    const refused = await client.get(`/signalen?periode=weeks&van=${addDays(weeks[0]!, 2)}&tot=${weeks[2]}`);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Signalen: Gemeente Signaal/);
    assert.match(refused.body, new RegExp(`value="${addDays(weeks[0]!, 2)}"`));
  });

  it('exports every community in CSV, with what each sum leaves out', async () => {
    const response = await (await sessionClient(t.deps, t.app, manager.id)).get('/signalen.csv?periode=last4');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="signalen-organisatie-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = response.body.split('\r\n');
    assert.equal(lines[0], 'section,metric,subject,from,to,value,suppressed,left_out');
    assert.ok(lines.includes(`period,practice_tries,,${weeks[0]},${weeks[3]},12,no,1`));
    assert.ok(lines.includes(`community,practice_tries,Kring Zuid,${weeks[0]},${weeks[3]},,yes,`));
    assert.ok(lines.includes(`search_miss,searches,"'=HYPERLINK(""http://evil.example"",""klik"")",${weeks[0]},${weeks[3]},6,no,`));
    assert.deepEqual(leaks(response.body), []);
  });

  it('answers the API for the own organisation only', async () => {
    const token = await createTestPersonalAccessToken(t.deps, manager.id, 'read');
    const response = await bearerRequest(t.app, token, 'GET', `/api/v1/organisations/${orgId}/signals/chain?period=last4`);
    assert.equal(response.statusCode, 200);
    const json = response.json();
    assert.equal(json.scope, 'chain');
    assert.deepEqual(json.figures.answers_cross_org.current, { value: 9, isSuppressed: false, covers: 6, reason: null, leftOut: 0 });
    assert.deepEqual(json.communities.items.map((c: { name: string }) => c.name), ['Kring Noord', 'Kring Oost']);
    const own = await bearerRequest(t.app, token, 'GET', `/api/v1/organisations/${orgId}/signals?page=1`);
    assert.deepEqual(own.json().figures.practice_tries.current, { value: 12, isSuppressed: false, covers: 12, reason: null, leftOut: 1 });
    assert.deepEqual(leaks(own.body), []);
    const partnerToken = await createTestPersonalAccessToken(t.deps, partnerManager.id, 'read');
    assert.equal((await bearerRequest(t.app, partnerToken, 'GET', `/api/v1/organisations/${orgId}/signals`)).statusCode, 404);
    const memberToken = await createTestPersonalAccessToken(t.deps, member.id, 'read');
    assert.equal((await bearerRequest(t.app, memberToken, 'GET', `/api/v1/organisations/${orgId}/signals`)).statusCode, 403);
    const bad = await bearerRequest(t.app, token, 'GET', `/api/v1/organisations/${orgId}/signals?page=0`);
    assert.equal(bad.statusCode, 400);
    assert.equal(own.json().period.weeks.length, 4);
    const openapi = (await bearerRequest(t.app, token, 'GET', '/api/v1/openapi.json')).json();
    assert.ok(openapi.paths['/api/v1/organisations/{id}/signals'] && openapi.paths['/api/v1/organisations/{id}/signals/chain'], 'in the OpenAPI document');
  });
});

describe('signals CSV cells', () => {
  it('defuses formulas in text, quotes separators, and leaves numbers alone', () => {
    assert.equal(csvCell('=1+2'), "'=1+2");
    assert.equal(csvCell('+31 6'), "'+31 6");
    assert.equal(csvCell('-x'), "'-x");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\tcmd'), "'\tcmd");
    assert.equal(csvCell('a, "b"'), '"a, ""b"""');
    assert.equal(csvCell('gewoon'), 'gewoon');
    assert.equal(csvCell(42), '42');
    assert.equal(csvCell(null), '');
  });
});
