import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildTrail, summariseTrail, type TrailEntry, type TrailNode } from './practices.models.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 9, minute));
const entry = (id: string, parentId: string | null, minute: number, organisationId: string | null = 'org-a', team = 'Wijkteam Noord'): TrailEntry => ({ id, parentId, createdAt: at(minute), organisationId, team });

/** The tree as nested ids, so a wrong shape shows up in one diff. */
type Shape = [string, Shape[]];
const shape = (nodes: TrailNode<TrailEntry>[]): Shape[] => nodes.map((n) => [n.entry.id, shape(n.children)]);

describe('buildTrail', () => {
  it('builds the tree of reports, oldest first at every level, whatever order they come in', () => {
    const entries = [
      entry('c', 'a', 5),
      entry('b', null, 3),
      entry('a', null, 1),
      entry('d', 'a', 2),
      entry('e', 'c', 6),
      entry('f', 'b', 4),
    ];
    assert.deepEqual(shape(buildTrail(entries)), [
      ['a', [['d', []], ['c', [['e', []]]]]],
      ['b', [['f', []]]],
    ]);
    assert.deepEqual(shape(buildTrail([...entries].reverse())), shape(buildTrail(entries)), 'input order does not matter');
  });

  it('hangs a report whose parent is not in the list under the story itself, in time order', () => {
    const trail = buildTrail([entry('late', null, 9), entry('orphan', 'hidden-parent', 2), entry('child', 'orphan', 3)]);
    assert.deepEqual(shape(trail), [['orphan', [['child', []]]], ['late', []]]);
  });

  it('orders reports made at the same moment by id, so the page is stable', () => {
    assert.deepEqual(shape(buildTrail([entry('y', null, 1), entry('x', null, 1)])), [['x', []], ['y', []]]);
  });

  it('gives an empty trail for no reports', () => {
    assert.deepEqual(buildTrail([]), []);
  });
});

describe('summariseTrail', () => {
  it('counts teams per organisation, ignoring case and surrounding spaces, and organisations', () => {
    const summary = summariseTrail([
      { organisationId: 'org-a', team: 'Wijkteam Noord' },
      { organisationId: 'org-a', team: '  wijkteam noord ' },
      { organisationId: 'org-a', team: 'Jeugdteam' },
      // The same team name in another organisation is another team.
      { organisationId: 'org-b', team: 'Wijkteam Noord' },
      { organisationId: 'org-c', team: 'WIJKTEAM NOORD' },
    ]);
    assert.deepEqual(summary, { reports: 5, teams: 4, organisations: 3 });
  });

  it('counts reports without an organisation (it was removed) as one organisation of their own', () => {
    assert.deepEqual(summariseTrail([{ organisationId: null, team: 'A-team' }, { organisationId: null, team: 'a-team' }, { organisationId: 'org-a', team: 'A-team' }]), { reports: 3, teams: 2, organisations: 2 });
  });

  it('is all zeros for no reports', () => {
    assert.deepEqual(summariseTrail([]), { reports: 0, teams: 0, organisations: 0 });
  });
});
