import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diffLines, normaliseTags } from './questions.models.ts';
import { duplicateFormInput, filterFromPageQuery, questionFormInput } from './questions.schemas.ts';

describe('questions models', () => {
  it('diffs line by line, keeping what stayed', () => {
    assert.deepEqual(diffLines('a\nb\nc', 'a\nx\nc'), [
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
    ]);
    assert.deepEqual(diffLines('', 'nieuw'), [{ kind: 'removed', text: '' }, { kind: 'added', text: 'nieuw' }]);
    assert.deepEqual(diffLines('zelfde', 'zelfde'), [{ kind: 'same', text: 'zelfde' }]);
  });

  it('normalises tags to lower case, once each', () => {
    assert.deepEqual(normaliseTags([' Wmo', 'wmo', 'Jeugd ', '']), ['wmo', 'jeugd']);
  });

  it('reads page filters leniently: odd values mean the defaults', () => {
    assert.deepEqual(filterFromPageQuery({ filter: 'onbeantwoord', sortering: 'geholpen', tag: 'WMO', pagina: '3' }), { filter: 'unanswered', sort: 'helped', tag: 'wmo', learningQuestionId: null, page: 3, pageSize: 20 });
    assert.deepEqual(filterFromPageQuery({ filter: 'x', sortering: ['a'], leervraag: 'geen-uuid', pagina: '-1' }), { filter: 'all', sort: 'newest', tag: '', learningQuestionId: null, page: 1, pageSize: 20 });
  });

  it('turns form posts into the API shape', () => {
    assert.deepEqual(questionFormInput({ _csrf: 'x', kind: 'how', title: 'T', body: 'B', tags: 'Wmo, jeugd', isPseudonymous: 'on', preview: '1' }), { kind: 'how', title: 'T', body: 'B', tags: ['wmo', 'jeugd'], isPseudonymous: true });
    assert.equal(questionFormInput({ kind: 'how' }).isPseudonymous, false, 'an unticked checkbox is sent as nothing');
    assert.deepEqual(duplicateFormInput({ duplicateOf: 'https://leerkring.example/vragen/0b7c5a52-7d0e-4d2c-9b7e-1a2b3c4d5e6f#x' }), { duplicateOf: '0b7c5a52-7d0e-4d2c-9b7e-1a2b3c4d5e6f' });
  });
});
