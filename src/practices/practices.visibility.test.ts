import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { actorOf, bearerRequest, createTestApp, createTestCommunity, createTestOrganisation, createTestPersonalAccessToken, createTestUser, sessionClient } from '../../test/harness.ts';
import { pdf, tempDir, writeTemp } from '../platform/files/test-fixtures.ts';
import { withAttachments } from './attachments.usecases.ts';
import { addComment, reportTried } from './contributions.usecases.ts';
import { sharePractice, sharePracticeTo } from './practices.usecases.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
type User = Awaited<ReturnType<typeof createTestUser>>;

/**
 * What never leaves a community: canary words planted in every part of a practice story of a
 * secret and a closed community (title, body, tags, a remark, an alternative, a tried report's
 * team, an attachment's file name) must not appear in any page or API answer for people who may
 * not see the community, while its members see them. Bodies are searched as raw text, so markup
 * attributes and JSON fields count too.
 */
describe('practice stories: what people outside a community never see', () => {
  let t: TestApp;
  let files: string;
  before(async () => {
    t = await createTestApp();
    files = await tempDir();
  });
  after(async () => {
    await t.close();
    await rm(files, { recursive: true, force: true });
  });

  const uid = () => randomUUID().slice(0, 8);

  async function viewer(user: User) {
    const client = await sessionClient(t.deps, t.app, user.id);
    const token = await createTestPersonalAccessToken(t.deps, user.id, 'read');
    return { user, page: (path: string) => client.get(path), api: (path: string) => bearerRequest(t.app, token, 'GET', path) };
  }
  type Viewer = Awaited<ReturnType<typeof viewer>>;

  async function bodies(v: Viewer, requests: [path: string, status: number][]): Promise<{ path: string; body: string }[]> {
    const out: { path: string; body: string }[] = [];
    for (const [path, status] of requests) {
      const response = path.startsWith('/api/') ? await v.api(path) : await v.page(path);
      assert.equal(response.statusCode, status, `${v.user.name}: GET ${path}`);
      out.push({ path, body: response.body });
    }
    return out;
  }

  const leaks = (seen: { path: string; body: string }[], secrets: string[]) =>
    seen.flatMap(({ path, body }) => secrets.filter((s) => body.replaceAll(new URL(path, 'http://x').searchParams.get('q') ?? '\u0000', '').includes(s)).map((s) => `${path} shows "${s}"`));

  /** A story with a canary in every part, as members write it. */
  async function plantCanaries(communityId: string, author: User, member: User) {
    const c = `kanarie${uid()}`;
    const canary = { title: `${c}titel`, body: `${c}situatie`, tag: `${c}tag`, remark: `${c}opmerking`, alternative: `${c}alternatief`, team: `${c}team`, file: `${c}bijlage` };
    const path = await writeTemp(files, pdf());
    const upload = { fieldName: 'files', declaredName: `${canary.file}.pdf`, declaredType: 'application/pdf', path, byteSize: (await stat(path)).size };
    const A = actorOf(author);
    const { id } = await withAttachments(t.deps, A, [upload], (attach) =>
      sharePractice(t.deps, A, { id: communityId }, { title: `Werken met ${canary.title}`, situation: `Het ging om ${canary.body}.`, action: 'Ik belde de buurvrouw.', tags: [canary.tag] }, attach),
    );
    const remark = await addComment(t.deps, actorOf(member), id, { kind: 'comment', body: `Herkenbaar ${canary.remark}` });
    await addComment(t.deps, actorOf(member), id, { kind: 'alternative', body: `Ik zou ${canary.alternative} doen` });
    const report = await reportTried(t.deps, actorOf(member), id, { team: canary.team, result: 'partly', adapted: 'Kleiner begonnen.', howItWent: 'Redelijk.' });
    const attachment = await t.deps.db.selectFrom('practice_attachments').select(['id', 'file_name']).where('practice_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(attachment.file_name, `${canary.file}.pdf`);
    return { id, remarkId: remark.id, tryId: report.id, attachmentId: attachment.id, canary, secrets: Object.values(canary) };
  }

  type Planted = Awaited<ReturnType<typeof plantCanaries>>;

  const notFound = (c: { slug: string; id: string }, s: Planted): [string, number][] => [
    [`/gemeenschappen/${c.slug}/praktijk`, 404], [`/gemeenschappen/${c.slug}/praktijk/nieuw`, 404],
    [`/praktijk/${s.id}`, 404], [`/praktijk/${s.id}/bewerken`, 404], [`/praktijk/${s.id}/geprobeerd`, 404], [`/praktijk/${s.id}/geprobeerd?vanuit=${s.tryId}`, 404],
    [`/praktijk/${s.id}/delen-met`, 404], [`/praktijk/${s.id}/verbergen`, 404], [`/praktijk/${s.id}/bijlagen`, 404],
    [`/praktijkreacties/${s.remarkId}/verbergen`, 404], [`/geprobeerd/${s.tryId}/verbergen`, 404],
    [`/bijlagen/${s.attachmentId}`, 404], [`/bijlagen/${s.attachmentId}/voorbeeld`, 404],
    [`/api/v1/communities/${c.id}/practices`, 404], [`/api/v1/practices/${s.id}`, 404], [`/api/v1/attachments/${s.attachmentId}`, 404],
  ];
  /** Lists and search, each searched for every canary word. */
  const lists = (...planted: Planted[]): [string, number][] => [
    ['/', 200], ['/gemeenschappen', 200], ['/api/v1/communities', 200],
    ...planted.flatMap((p) => p.secrets.flatMap((word): [string, number][] => [[`/zoeken?q=${word}`, 200], [`/api/v1/search?q=${word}`, 200]])),
  ];
  /** Search pages echo the query: a result is known by its link, not by the word. */
  const links = (seen: { path: string; body: string }[], planted: Planted[]) =>
    seen.filter(({ path }) => !planted.some((p) => path.includes(p.id))).flatMap(({ path, body }) => planted.filter((p) => body.includes(p.id)).map((p) => `${path} links to ${p.id}`));

  it('keeps the stories of a secret and a closed community from everyone who may not see them, everywhere', async () => {
    const owner = await createTestOrganisation(t.deps);
    const elsewhere = await createTestOrganisation(t.deps);
    const [facilitator, author, member] = await Promise.all([createTestUser(t.deps, owner.id), createTestUser(t.deps, owner.id), createTestUser(t.deps, owner.id)]);
    const members = [{ userId: facilitator.id, role: 'facilitator' as const }, { userId: author.id }, { userId: member.id }];
    const secret = await createTestCommunity(t.deps, owner.id, { visibility: 'secret', members });
    const closed = await createTestCommunity(t.deps, owner.id, { visibility: 'closed', members });
    const inSecret = await plantCanaries(secret.id, author, member);
    const inClosed = await plantCanaries(closed.id, author, member);

    const otherOrg = await Promise.all([createTestUser(t.deps, elsewhere.id), createTestUser(t.deps, elsewhere.id, { role: 'admin', isPlatformAdmin: true })].map(async (u) => viewer(await u)));
    const sameOrg = await Promise.all([createTestUser(t.deps, owner.id), createTestUser(t.deps, owner.id, { role: 'admin' })].map(async (u) => viewer(await u)));

    const failures: string[] = [];
    for (const v of otherOrg) {
      const seen = await bodies(v, [...lists(inSecret, inClosed), ...notFound(secret, inSecret), ...notFound(closed, inClosed)]);
      failures.push(...leaks(seen, [...inSecret.secrets, ...inClosed.secrets, secret.name, closed.name]), ...links(seen, [inSecret, inClosed]));
    }
    // The owner's own people may see the closed community (not take part), never the secret one.
    for (const v of sameOrg) {
      const seen = await bodies(v, [...lists(inSecret), ...notFound(secret, inSecret)]);
      failures.push(...leaks(seen, [...inSecret.secrets, secret.name]), ...links(seen, [inSecret]));
      assert.equal((await v.page(`/praktijk/${inClosed.id}`)).statusCode, 200, 'a closed community is readable within its organisation');
      for (const path of [`/praktijk/${inClosed.id}/bewerken`, `/praktijk/${inClosed.id}/geprobeerd`, `/praktijk/${inClosed.id}/delen-met`]) assert.equal((await v.page(path)).statusCode, 403, path);
    }
    assert.deepEqual(failures, []);

    // Members see all of it: the checks above could fail.
    const insider = await viewer(member);
    for (const [c, s] of [[secret, inSecret], [closed, inClosed]] as const) {
      const [page, api] = await bodies(insider, [[`/praktijk/${s.id}`, 200], [`/api/v1/practices/${s.id}`, 200]]);
      for (const body of [page!.body, api!.body]) for (const text of s.secrets) assert.ok(body.includes(text), `a member sees ${text}`);
      for (const [path] of [[`/gemeenschappen/${c.slug}/praktijk`], [`/api/v1/communities/${c.id}/practices`]]) assert.ok((await bodies(insider, [[path!, 200]]))[0]!.body.includes(s.canary.title), `listed in ${path}`);
      assert.ok((await insider.api(`/api/v1/search?q=${s.canary.title}`)).json().items.some((r: { url: string }) => r.url.includes(s.id)), 'found by search');
      assert.ok((await insider.page(`/zoeken?q=${s.canary.body}`)).body.includes(`/praktijk/${s.id}`), 'found by the search page');
      assert.equal((await insider.page(`/bijlagen/${s.attachmentId}`)).statusCode, 200);
      assert.equal((await insider.api(`/api/v1/attachments/${s.attachmentId}`)).statusCode, 200);
    }
  });

  it('shows a remark written in a secret community only to those who may see it, and a story shared into an open community to its readers', async () => {
    const org1 = await createTestOrganisation(t.deps);
    const org2 = await createTestOrganisation(t.deps);
    const org3 = await createTestOrganisation(t.deps);
    const author = await createTestUser(t.deps, org1.id);
    const aMember = await createTestUser(t.deps, org1.id);
    const bMember = await createTestUser(t.deps, org2.id);
    const sMember = await createTestUser(t.deps, org3.id);
    const home = await createTestCommunity(t.deps, org1.id, { visibility: 'open', members: [{ userId: author.id }, { userId: aMember.id }] });
    const b = await createTestCommunity(t.deps, org2.id, { visibility: 'open', members: [{ userId: author.id }, { userId: bMember.id }] });
    const s = await createTestCommunity(t.deps, org3.id, { visibility: 'secret', members: [{ userId: author.id }, { userId: sMember.id }] });

    const { id } = await sharePractice(t.deps, actorOf(author), { id: home.id }, { title: 'Samen eten met nieuwe buren', situation: 'Nieuwe buren kenden niemand.', action: 'Een buurtmaaltijd.' });
    await sharePracticeTo(t.deps, actorOf(author), id, { communityId: b.id });
    await sharePracticeTo(t.deps, actorOf(author), id, { communityId: s.id });
    const canary = `geheim${uid()}`;
    const remark = await addComment(t.deps, actorOf(sMember), id, { kind: 'comment', body: `In onze kring: ${canary}opmerking` });
    const report = await reportTried(t.deps, actorOf(sMember), id, { team: `${canary}team`, result: 'worked', adapted: 'Met soep.', howItWent: 'Goed.' });
    const stored = await t.deps.db.selectFrom('practice_comments').select('community_id').where('id', '=', remark.id).executeTakeFirstOrThrow();
    assert.equal(stored.community_id, s.id, 'kept with the community it was written from');

    const secrets = [`${canary}opmerking`, `${canary}team`, s.name];
    for (const user of [aMember, bMember]) {
      const v = await viewer(user);
      const seen = await bodies(v, [[`/praktijk/${id}`, 200], [`/api/v1/practices/${id}`, 200], [`/praktijkreacties/${remark.id}/verbergen`, 404], [`/geprobeerd/${report.id}/verbergen`, 404], [`/praktijk/${id}/geprobeerd?vanuit=${report.id}`, 404]]);
      assert.deepEqual(leaks(seen, secrets), [], user === aMember ? 'a member of the home community' : 'a member of B');
      const json = JSON.parse(seen[1]!.body);
      assert.deepEqual([json.comments.length, json.tries.length, json.trailSummary.reports], [0, 0, 0]);
    }
    const insider = await viewer(sMember);
    for (const { body } of await bodies(insider, [[`/praktijk/${id}`, 200], [`/api/v1/practices/${id}`, 200]])) for (const text of secrets) assert.ok(body.includes(text), `an S member sees ${text}`);

    // Through B: a closed home community another organisation cannot see, shared into an open one.
    const closedHome = await createTestCommunity(t.deps, org1.id, { visibility: 'closed', members: [{ userId: author.id }] });
    const word = `doorgedeeld${uid()}`;
    const shared = await sharePractice(t.deps, actorOf(author), { id: closedHome.id }, { title: `Verhaal ${word} uit een gesloten kring`, situation: 'Alleen voor ons.', action: 'Toch gedeeld.' });
    const bReader = await viewer(bMember);
    assert.equal((await bReader.page(`/praktijk/${shared.id}`)).statusCode, 404, 'not before it is shared');
    await sharePracticeTo(t.deps, actorOf(author), shared.id, { communityId: b.id });
    const [page, api, gallery, search] = await bodies(bReader, [[`/praktijk/${shared.id}`, 200], [`/api/v1/practices/${shared.id}`, 200], [`/gemeenschappen/${b.slug}/praktijk`, 200], [`/api/v1/search?q=${word}`, 200]]);
    for (const body of [page!.body, api!.body, gallery!.body]) assert.ok(body.includes(word));
    assert.ok(search!.body.includes(shared.id));
    assert.equal((await bReader.page(`/gemeenschappen/${closedHome.slug}/praktijk`)).statusCode, 404, 'the home community itself stays out of sight');
    const outsider = await viewer(await createTestUser(t.deps, org3.id));
    assert.equal((await outsider.page(`/praktijk/${shared.id}`)).statusCode, 200, 'B is open: every user of the platform may read it there');
  });

  // A story shown in other communities has a search document per community: a reader who sees
  // several of them must still find it once, and within one community once too.
  it('lists a story shown in several communities once in search', async () => {
    const org = await createTestOrganisation(t.deps);
    const author = await createTestUser(t.deps, org.id);
    const everywhere = await createTestUser(t.deps, org.id);
    const sharesOnly = await createTestUser(t.deps, org.id);
    const home = await createTestCommunity(t.deps, org.id, { visibility: 'open', members: [{ userId: author.id }, { userId: everywhere.id }] });
    const secretHome = await createTestCommunity(t.deps, org.id, { visibility: 'secret', members: [{ userId: author.id }] });
    const [b, c] = await Promise.all([1, 2].map(() => createTestCommunity(t.deps, org.id, { visibility: 'closed', members: [{ userId: author.id }, { userId: everywhere.id }, { userId: sharesOnly.id }] })));
    const word = `eenmaal${uid()}`;
    const open = await sharePractice(t.deps, actorOf(author), { id: home.id }, { title: `Verhaal ${word} in drie kringen`, situation: 'Overal.', action: 'Gedeeld.' });
    const hidden = await sharePractice(t.deps, actorOf(author), { id: secretHome.id }, { title: `Verhaal ${word} uit een geheime kring`, situation: 'Alleen voor ons.', action: 'Toch gedeeld.' });
    for (const story of [open, hidden]) for (const target of [b!, c!]) await sharePracticeTo(t.deps, actorOf(author), story.id, { communityId: target.id });
    const found = async (user: User, query: string) => {
      const response = await (await viewer(user)).api(`/api/v1/search?q=${word}${query}`);
      assert.equal(response.statusCode, 200);
      const json = response.json() as { items: { url: string }[]; total: number };
      return { total: json.total, stories: json.items.map((item) => item.url.match(/^\/praktijk\/([0-9a-f-]{36})/)![1]!).sort() };
    };
    // Sees the home and both shares of the first story, and both shares of the second: each once.
    assert.deepEqual(await found(everywhere, ''), { total: 2, stories: [open.id, hidden.id].sort() });
    // Sees only the shares of both stories.
    assert.deepEqual(await found(sharesOnly, ''), { total: 2, stories: [open.id, hidden.id].sort() });
    // Within one community: the story as shown there, once.
    assert.deepEqual(await found(everywhere, `&community=${b!.slug}`), { total: 2, stories: [open.id, hidden.id].sort() });
  });

  // The page ("in <community>", the back link), the API (`community`) and the gallery card
  // ("shared from <community>") must not name a home community the reader may not see: a secret
  // community's name and slug would otherwise show in an open one.
  it('never names the home community to a reader who cannot see it', async () => {
    const org1 = await createTestOrganisation(t.deps);
    const org2 = await createTestOrganisation(t.deps);
    const author = await createTestUser(t.deps, org1.id);
    const reader = await createTestUser(t.deps, org2.id);
    const secretHome = await createTestCommunity(t.deps, org1.id, { visibility: 'secret', members: [{ userId: author.id }] });
    const open = await createTestCommunity(t.deps, org2.id, { visibility: 'open', members: [{ userId: author.id }, { userId: reader.id }] });
    const { id } = await sharePractice(t.deps, actorOf(author), { id: secretHome.id }, { title: 'Uit een geheime kring gedeeld', situation: 'Alleen voor ons.', action: 'Toch gedeeld.' });
    await sharePracticeTo(t.deps, actorOf(author), id, { communityId: open.id });
    const v = await viewer(reader);
    const seen = await bodies(v, [[`/praktijk/${id}`, 200], [`/api/v1/practices/${id}`, 200], [`/gemeenschappen/${open.slug}/praktijk`, 200], [`/api/v1/communities/${open.id}/practices`, 200]]);
    assert.deepEqual(leaks(seen, [secretHome.name, secretHome.slug, secretHome.id]), []);
  });
});
