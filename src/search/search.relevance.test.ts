import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actorOf, createTestCommunity, createTestDeps, createTestOrganisation, createTestUser, type TestDeps } from '../../test/harness.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { SearchDocument } from './search.index.ts';
import { indexTestAnswer, indexTestDocument, searchFilter } from './search.test-support.ts';
import { searchContent } from './search.usecases.ts';
import type { SearchFilter } from './search.models.ts';

/**
 * The Dutch relevance set: a dozen questions and answers of one community, and the queries with
 * exactly what each must find. Dutch stemming (gemeenten → gemeente, huisbezoeken →
 * huisbezoek), accents folded both ways (cliënt ↔ client, coördinatie), all words required,
 * "phrases", `of` for either word, -exclusion, tags, filters, ranking and highlighting.
 */
describe('search: Dutch relevance set', () => {
  let deps: TestDeps;
  let actor: Actor;
  let slug: string;
  type DocName = 'hulp' | 'keukentafel' | 'maatwerk' | 'beschermd' | 'detentie' | 'schuld' | 'volgsysteem' | 'coordinatie' | 'leerplicht' | 'huisbezoek' | 'scootmobiel' | 'xss';
  const docs = {} as Record<DocName, SearchDocument>;

  before(async () => {
    deps = await createTestDeps();
    const org = await createTestOrganisation(deps);
    const user = await createTestUser(deps, org.id);
    actor = actorOf(user);
    const community = await createTestCommunity(deps, org.id, { visibility: 'secret', members: [{ userId: user.id }] });
    slug = community.slug;
    const q = (title: string, body: string, extra: Partial<SearchDocument> = {}) => indexTestDocument(deps, { communityId: community.id, title, body, ...extra });
    docs.hulp = await q('Hoe regelen andere gemeenten de huishoudelijke hulp?', 'Wij zoeken voorbeelden van beleidsregels voor **huishoudelijke hulp** in de Wmo.', { tags: ['wmo'] });
    docs.keukentafel = await indexTestAnswer(deps, docs.hulp, 'In onze gemeente krijgt elke cliënt eerst een keukentafelgesprek met een Wmo-consulent.');
    docs.maatwerk = await indexTestAnswer(deps, docs.hulp, 'Bij ons loopt de ondersteuning via een maatwerkvoorziening.');
    docs.beschermd = await q('Beschermd wonen voor jongeren', 'Welke regio heeft goede afspraken over beschermd wonen en de overgang naar zelfstandig wonen?', { tags: ['wonen'], questionKind: 'what' });
    docs.detentie = await q('Een beschermde omgeving na detentie', 'Na detentie is wonen lastig. Is er een beschermd traject?', { questionKind: 'what' });
    docs.schuld = await q('Schuldhulp voor jongeren met een studieschuld', 'Hoe bereik je jongeren met schulden voordat de deurwaarder komt?', { tags: ['schuldhulp'] });
    docs.volgsysteem = await indexTestAnswer(deps, docs.schuld, 'Wij werken met een volgsysteem: de client krijgt één vaste contactpersoon.');
    docs.coordinatie = await q('Coördinatie tussen wijkteam en huisarts', 'Wie zorgt voor de coördinatie van zorg rond een kwetsbare oudere?');
    docs.leerplicht = await q('Leerplicht en thuiszitters', 'Hoe krijgen we thuiszitters weer naar school? De leerplichtambtenaar weet het ook niet.');
    docs.huisbezoek = await q('Huisbezoeken plannen in het sociaal domein', 'Hoeveel huisbezoeken doen jullie per week?', { tags: ['privacy'] });
    docs.scootmobiel = await q('Wmo-indicatie voor een scootmobiel', 'Welke termijn hanteren jullie voor de beslissing?', { tags: ['wmo'] });
    docs.xss = await q('Formulier <script>alert(1)</script> op de website', 'Het formulier toont <b>vet</b> en "aanhalingstekens" & meer.');
  });
  after(() => deps.close());

  const find = async (q: string, extra: Partial<SearchFilter> = {}) => {
    const outcome = await searchContent(deps, actor, searchFilter(q, { communitySlug: slug, ...extra }));
    return outcome;
  };
  const names = (ids: string[]) => ids.map((id) => Object.entries(docs).find(([, d]) => d.id === id)?.[0] ?? `other:${id}`).sort();
  const expectFinds = async (q: string, expected: string[], extra: Partial<SearchFilter> = {}) => {
    const outcome = await find(q, extra);
    assert.deepEqual(names(outcome.page.items.map((i) => i.id)), [...expected].sort(), `"${q}" ${JSON.stringify(extra)}`);
    assert.equal(outcome.total, expected.length, `count for "${q}"`);
    return outcome;
  };

  const cases: [string, string[], Partial<SearchFilter>?][] = [
    ['gemeenten', ['hulp', 'keukentafel', 'maatwerk']], // the answers carry their question's title
    ['gemeente', ['hulp', 'keukentafel', 'maatwerk']],
    ['cliënt', ['keukentafel', 'volgsysteem']],
    ['client', ['keukentafel', 'volgsysteem']],
    ['coordinatie', ['coordinatie']],
    ['COÖRDINATIE', ['coordinatie']],
    ['huisbezoek', ['huisbezoek']],
    ['schuldhulp jongeren', ['schuld', 'volgsysteem']],
    ['beschermd wonen', ['beschermd', 'detentie']],
    ['"beschermd wonen"', ['beschermd']],
    ['leerplicht of studieschuld', ['leerplicht', 'schuld', 'volgsysteem']],
    ['wmo -huishoudelijke', ['scootmobiel']],
    ['privacy', ['huisbezoek']], // a tag is searchable
    ['keukentafelgesprek', ['keukentafel']],
    ['de het een', []], // stop words only: nothing to look for
    ['cliënt', ['keukentafel', 'volgsysteem'], { kind: 'answer' }],
    ['jongeren', ['beschermd'], { questionKind: 'what' }],
    ['jongeren', ['beschermd'], { tag: 'wonen' }],
    ['wonen', ['beschermd', 'detentie'], { kind: 'question' }],
  ];
  for (const [q, expected, extra] of cases) {
    it(`"${q}"${extra ? ` ${JSON.stringify(extra)}` : ''} finds ${expected.length ? expected.join(', ') : 'nothing'}`, async () => {
      await expectFinds(q, expected, extra);
    });
  }

  it('filters on dates, both days included, in Dutch time', async () => {
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const first = docs.hulp.createdAt;
    await expectFinds('gemeente', ['hulp', 'keukentafel', 'maatwerk'], { from: day(first), to: day(first) });
    const before = new Date(first.getTime() - 86_400_000);
    await expectFinds('gemeente', [], { to: day(before) });
    const after = new Date(first.getTime() + 86_400_000);
    await expectFinds('gemeente', [], { from: day(after) });
  });

  it('ranks a match in the title above the same words in an answer to it', async () => {
    const outcome = await find('huishoudelijke hulp');
    assert.equal(outcome.page.items[0]?.id, docs.hulp.id, 'the question itself comes first');
  });

  it('highlights the matched words, stemmed, in title and snippet', async () => {
    const outcome = await find('thuiszitter');
    const result = outcome.page.items[0]!;
    assert.deepEqual(result.title.filter((s) => s.isMatch).map((s) => s.text), ['thuiszitters']);
    assert.ok(result.snippet.some((s) => s.isMatch && s.text === 'thuiszitters'), JSON.stringify(result.snippet));
    assert.equal(result.url, `/vragen/${docs.leerplicht.id}`);
  });

  it('links an answer to its place on the question page', async () => {
    const outcome = await find('keukentafelgesprek');
    assert.equal(outcome.page.items[0]?.url, `/vragen/${docs.hulp.id}#antwoord-${docs.keukentafel.id}`);
    assert.equal(outcome.page.items[0]?.kind, 'answer');
  });

  it('keeps markup from posts as text: the snippet is plain text in pieces', async () => {
    const outcome = await find('formulier');
    const result = outcome.page.items[0]!;
    const title = result.title.map((s) => s.text).join('');
    assert.equal(title, 'Formulier <script>alert(1)</script> op de website');
    assert.match(result.snippet.map((s) => s.text).join(''), /vet/);
    assert.ok(!result.snippet.some((s) => /[\u0002\u0003]/.test(s.text)), 'no markers left in the text');
  });

  it('suggests a correction for a misspelled word when little is found', async () => {
    const outcome = await find('thuiszittrs');
    assert.equal(outcome.total, 0);
    assert.equal(outcome.suggestion, 'thuiszitters');
    const twoWords = await find('huisbezoken plannen');
    assert.equal(twoWords.suggestion, 'huisbezoeken plannen');
    const fine = await find('leerplicht');
    assert.equal(fine.suggestion, null, 'no suggestion when the words were found');
    // "gemeente" shares its stem with the title word "gemeenten": no typo. Only the misspelled word changes.
    const plural = await find('gemeente thuiszittrs');
    assert.equal(plural.suggestion, 'gemeente thuiszitters');
  });

  it('finds the same across all communities the actor sees, without the filter', async () => {
    const outcome = await searchContent(deps, actor, searchFilter('keukentafelgesprek'));
    const ids = outcome.page.items.map((i) => i.id);
    assert.ok(ids.includes(docs.keukentafel.id));
  });
});
