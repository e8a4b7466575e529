import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestCommunity, createTestDeps, createTestOrganisation, type TestDeps } from '../../test/harness.ts';
import { removeFromIndex, titleWords } from './search.index.ts';
import { indexTestAnswer, indexTestDocument } from './search.test-support.ts';

/** The write side keeps search_words (the "did you mean" vocabulary) equal to the live question titles. */
describe('search index', () => {
  let deps: TestDeps;
  let communityId: string;
  before(async () => {
    deps = await createTestDeps();
    const org = await createTestOrganisation(deps);
    communityId = (await createTestCommunity(deps, org.id)).id;
  });
  after(() => deps.close());

  const words = async () =>
    Object.fromEntries((await deps.db.selectFrom('search_words').select(['word', 'documents']).where('community_id', '=', communityId).orderBy('word').execute()).map((r) => [r.word, r.documents]));

  it('folds title words like the search does', () => {
    assert.deepEqual(titleWords('Cliënten en de Wmo: coördinatie, wéér?'), ['clienten', 'coordinatie', 'weer']);
  });

  it('counts title words of questions, follows edits and removals, and ignores answers', async () => {
    const first = await indexTestDocument(deps, { communityId, title: 'Cliënten zonder indicatie' });
    await indexTestDocument(deps, { communityId, title: 'Indicatie voor beschermd wonen' });
    await indexTestAnswer(deps, first, 'Een antwoord met woorden als mantelzorg');
    assert.deepEqual(await words(), { beschermd: 1, clienten: 1, indicatie: 2, voor: 1, wonen: 1, zonder: 1 });
    await indexTestDocument(deps, { ...first, title: 'Cliënten met een indicatie' });
    assert.deepEqual(await words(), { beschermd: 1, clienten: 1, indicatie: 2, voor: 1, wonen: 1 });
    await removeFromIndex(deps.db, [first.id]);
    assert.deepEqual(await words(), { beschermd: 1, indicatie: 1, voor: 1, wonen: 1 });
  });

  it('keeps the characters that mark matches out of the index', async () => {
    const doc = await indexTestDocument(deps, { communityId, title: 'Nep\u0002markering\u0003', body: 'Tekst met \u0002 en \u0003' });
    const row = await deps.db.selectFrom('search_documents').select(['title', 'body']).where('id', '=', doc.id).executeTakeFirstOrThrow();
    assert.ok(!/[\u0002\u0003]/.test(row.title + row.body), JSON.stringify(row));
  });
});
