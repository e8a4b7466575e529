import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyCorrections,
  cleanQuery,
  correctableWords,
  filterFromPageQuery,
  highlightSegments,
  lastPage,
  missQuery,
  platformDay,
  resultPath,
  searchUrl,
  similarityWords,
  toWebsearchSyntax,
} from './search.models.ts';

describe('search models', () => {
  it('splits a headline at its markers into text pieces, dropping stray markers', () => {
    assert.deepEqual(highlightSegments('De \u0002gemeente\u0003 en de \u0002cliënt\u0003.'), [
      { text: 'De ', isMatch: false },
      { text: 'gemeente', isMatch: true },
      { text: ' en de ', isMatch: false },
      { text: 'cliënt', isMatch: true },
      { text: '.', isMatch: false },
    ]);
    assert.deepEqual(highlightSegments('<b>\u0002x\u0003\u0002y\u0003\u0003 z'), [
      { text: '<b>', isMatch: false },
      { text: 'xy', isMatch: true },
      { text: ' z', isMatch: false },
    ]);
    assert.deepEqual(highlightSegments(''), []);
  });

  it('reads the page query leniently and writes it back the same', () => {
    const filter = filterFromPageQuery({ q: '  wmo\u0000  hulp ', gemeenschap: 'wmo-kring', soort: 'antwoord', vraagsoort: 'hoe', tag: 'WMO', van: '2025-01-31', tot: '2025-02-30', pagina: '3' });
    assert.deepEqual(filter, { q: 'wmo hulp', communitySlug: 'wmo-kring', kind: 'answer', questionKind: 'how', tag: 'wmo', from: '2025-01-31', to: undefined, page: 3, pageSize: 20 });
    assert.equal(searchUrl(filter, filter.page), '/zoeken?q=wmo+hulp&gemeenschap=wmo-kring&soort=antwoord&vraagsoort=hoe&tag=wmo&van=2025-01-31&pagina=3');
    assert.deepEqual(filterFromPageQuery(Object.fromEntries(new URLSearchParams(searchUrl(filter, 3).split('?')[1]))), filter);
    const odd = filterFromPageQuery({ q: ['a', 'b'], gemeenschap: '../x', soort: 'koning', van: '0000-01-01', tot: '2025-13-45', pagina: '-1' });
    assert.deepEqual({ ...odd }, { q: '', communitySlug: undefined, kind: undefined, questionKind: undefined, tag: undefined, from: undefined, to: undefined, page: 1, pageSize: 20 });
    assert.equal(cleanQuery('x'.repeat(500)).length, 200);
  });

  it('turns Dutch "of" into OR, but not inside a quoted phrase', () => {
    assert.equal(toWebsearchSyntax('leerplicht of thuiszitters'), 'leerplicht or thuiszitters');
    assert.equal(toWebsearchSyntax('"wel of niet" of Of'), '"wel of niet" or or');
    assert.equal(toWebsearchSyntax('offerte ofwel'), 'offerte ofwel');
  });

  it('links answers to their place on the question page', () => {
    assert.equal(resultPath({ id: 'q1', kind: 'question', parentId: null }), '/vragen/q1');
    assert.equal(resultPath({ id: 'a1', kind: 'answer', parentId: 'q1' }), '/vragen/q1#antwoord-a1');
  });

  it('corrects only plain words, and says so only when something changed', () => {
    assert.deepEqual(correctableWords('Huisbezoken "vaste zin" -jeugd wmo thuiszittrs'), ['huisbezoken', 'thuiszittrs']);
    const corrections = new Map([['huisbezoken', 'huisbezoeken'], ['plannen', 'plannen']]);
    assert.equal(applyCorrections('huisbezoken plannen', corrections), 'huisbezoeken plannen');
    assert.equal(applyCorrections('plannen', corrections), undefined);
  });

  it('keeps no miss that looks like personal data', () => {
    assert.equal(missQuery('  Beschermd Wonen '), 'beschermd wonen');
    assert.equal(missQuery('jaarverslag 2024'), 'jaarverslag 2024');
    for (const personal of ['j.jansen@gemeente.nl', 'bsn 123456782', '06-12345678', 'dorpsstraat 1234ab', 'postcode 1234 AB 12']) assert.equal(missQuery(personal), undefined, personal);
  });

  it('knows the calendar day in the Netherlands, and the last page with results', () => {
    assert.equal(platformDay(new Date('2025-03-01T23:30:00Z')), '2025-03-02');
    assert.equal(platformDay(new Date('2025-07-01T21:59:00Z')), '2025-07-01');
    assert.equal(lastPage(20), 50);
    assert.deepEqual(similarityWords('Hoe regel ik, hoe? Wmo-hulp'), ['hoe', 'regel', 'ik', 'wmo', 'hulp']);
  });
});
