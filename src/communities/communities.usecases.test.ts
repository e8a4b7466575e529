import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../platform/db/schema.ts';
import { actorOf, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, testDatabaseUrl, type TestDeps } from '../../test/harness.ts';
import { createCommunity, getCommunityDetail, listCommunities } from './communities.usecases.ts';
import { listCommunityMembers } from './membership/membership.usecases.ts';

/** The busiest pages take a fixed number of queries, however many members or cards they show. */
describe('communities use cases: query budget', () => {
  let deps: TestDeps;
  let pool: pg.Pool;
  let counted: Kysely<Database>;
  let queries: { sql: string; ms: number }[] = [];

  before(async () => {
    deps = await createTestDeps();
    pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    counted = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      log: (event) => void (event.level === 'query' && queries.push({ sql: event.query.sql, ms: event.queryDurationMillis })),
    });
  });
  after(async () => {
    await counted.destroy();
    await deps.close();
  });


  it('renders the community home in one query', async () => {
    const org = await createTestOrganisation(deps);
    const partners = [await createTestOrganisation(deps), await createTestOrganisation(deps)];
    const users = await Promise.all(Array.from({ length: 30 }, (_, i) => createTestUser(deps, org.id, { name: `Lid ${i}` })));
    const me = users[0]!;
    const community = await createTestCommunity(deps, org.id, {
      visibility: 'closed',
      partners: partners.map((p) => p.id),
      members: users.map((u, i) => ({ userId: u.id, role: i < 3 ? ('facilitator' as const) : ('member' as const) })),
    });
    queries = [];
    const detail = await getCommunityDetail({ db: counted }, actorOf(me), { slug: community.slug });
    assert.equal(queries.length, 1, queries.map((q) => q.sql).join('\n'));
    assert.equal(detail.stats.memberCount, 30);
    assert.equal(detail.stats.facilitators.length, 3);
    assert.equal(detail.stats.recentMembers.length, 6);
    assert.equal(detail.community.partners.length, 2);
    assert.equal(detail.myStatus, 'facilitator');
  });

  it('lists a full page of cards with their member counts in three queries', async () => {
    const org = await createTestOrganisation(deps);
    const me = await createTestUser(deps, org.id);
    const tag = `budget-${org.slug}`;
    for (let i = 0; i < 25; i++) await createTestCommunity(deps, org.id, { visibility: 'closed', tags: [tag], members: i % 2 ? [{ userId: me.id }] : [] });
    queries = [];
    const result = await listCommunities({ db: counted }, actorOf(me), { q: tag, mine: false, page: 1, pageSize: 20 });
    assert.equal(queries.length, 3, 'page, total, member counts: no query per card');
    assert.equal(result.page.items.length, 20);
    assert.equal(result.total, 25);
    assert.ok(result.page.hasNext);
    assert.ok(result.page.items.some((c) => c.memberCount === 1 && c.myStatus === 'member'));
  });

  it('lists members in one query after the community', async () => {
    const org = await createTestOrganisation(deps);
    const users = await Promise.all(Array.from({ length: 5 }, () => createTestUser(deps, org.id)));
    const community = await createTestCommunity(deps, org.id, { members: users.map((u) => ({ userId: u.id })) });
    queries = [];
    const result = await listCommunityMembers({ db: counted }, actorOf(users[0]!), { id: community.id }, { page: 1, pageSize: 20, q: '' });
    assert.equal(queries.length, 2);
    assert.equal(result.members.items.length, 5);
  });

  it('gives communities created at the same moment with the same name their own address', async () => {
    const org = await createTestOrganisation(deps);
    const manager = actorOf(await createTestUser(deps, org.id, { role: 'manager' }));
    const name = `Gelijktijdig ${org.slug}`;
    const created = await Promise.all([1, 2, 3].map(() => createCommunity(deps, manager, { name, visibility: 'open' })));
    assert.equal(new Set(created.map((c) => c.community.slug)).size, 3);
  });
});
