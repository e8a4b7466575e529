import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diffFrameworks, emptyContent, hasChanges, type FrameworkContent } from './frameworks.models.ts';

const lq = (id: string, text: string, kind: 'what' | 'how' = 'how', explanation = '') => ({ id, kind, text, explanation });

describe('diffFrameworks', () => {
  const v1: FrameworkContent = {
    ...emptyContent(),
    purpose: 'Schulden eerder zien.\nSamen met de wijkteams.',
    room: 'Zelf afspraken maken over huisbezoeken.',
    constraints: 'Budget 2026 ligt vast.',
    reviewDate: '2027-01-01',
    learningQuestions: [lq('a', 'Hoe herken je schulden vroeg?'), lq('b', 'Wat werkt bij jongeren?', 'what'), lq('c', 'Hoe betrek je de school?')],
  };

  it('reports added, removed, changed and unchanged sections', () => {
    const v2 = { ...v1, purpose: 'Schulden eerder zien.\nSamen met wijkteams en scholen.', room: '', indicators: 'Minder huisuitzettingen.' };
    const diff = diffFrameworks(v1, v2);
    const status = Object.fromEntries(diff.sections.map((s) => [s.section, s.status]));
    assert.deepEqual(status, { purpose: 'changed', room: 'removed', constraints: 'same', indicators: 'added' });
    const purpose = diff.sections.find((s) => s.section === 'purpose')!;
    assert.deepEqual(purpose.changes, [
      { kind: 'same', text: 'Schulden eerder zien.' },
      { kind: 'removed', text: 'Samen met de wijkteams.' },
      { kind: 'added', text: 'Samen met wijkteams en scholen.' },
    ]);
    assert.deepEqual(diff.sections.find((s) => s.section === 'indicators')!.changes, [{ kind: 'added', text: 'Minder huisuitzettingen.' }]);
    assert.deepEqual(diff.sections.find((s) => s.section === 'room')!.changes, [{ kind: 'removed', text: 'Zelf afspraken maken over huisbezoeken.' }]);
  });

  it('matches learning questions by id: reworded is changed, not removed and added', () => {
    const v2 = { ...v1, learningQuestions: [lq('c', 'Hoe betrek je de school?'), lq('a', 'Hoe herken je schulden al in de eerste maand?'), lq('d', 'Wat kost vroeg ingrijpen?', 'what')] };
    const diff = diffFrameworks(v1, v2);
    assert.deepEqual(diff.learningQuestions.map((q) => [q.id, q.status]), [['c', 'same'], ['a', 'changed'], ['d', 'added'], ['b', 'removed']]);
    const a = diff.learningQuestions.find((q) => q.id === 'a')!;
    assert.deepEqual(a.text, [{ kind: 'removed', text: 'Hoe herken je schulden vroeg?' }, { kind: 'added', text: 'Hoe herken je schulden al in de eerste maand?' }]);
    assert.equal(diff.learningQuestions.find((q) => q.id === 'b')!.before!.text, 'Wat werkt bij jongeren?');
  });

  it('sees a change of kind or explanation alone, and of the review date', () => {
    const v2 = { ...v1, reviewDate: null, learningQuestions: [lq('a', 'Hoe herken je schulden vroeg?', 'what'), lq('b', 'Wat werkt bij jongeren?', 'what', 'Denk aan 18-23 jaar.'), lq('c', 'Hoe betrek je de school?')] };
    const diff = diffFrameworks(v1, v2);
    assert.deepEqual(diff.learningQuestions.map((q) => q.status), ['changed', 'changed', 'same']);
    assert.deepEqual(diff.reviewDate, { status: 'removed', before: '2027-01-01', after: null });
  });

  it('finds nothing between equal versions', () => {
    assert.equal(hasChanges(diffFrameworks(v1, structuredClone(v1))), false);
    assert.equal(hasChanges(diffFrameworks(v1, { ...v1, constraints: 'Ander budget.' })), true);
  });
});
