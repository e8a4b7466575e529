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
