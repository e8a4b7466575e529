import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../platform/auth/actor.ts';
import { likePattern, myStatus, normaliseTags, pageNumber, slugify, toPage } from './communities.models.ts';
import type { CommunityFacts } from './communities.policies.ts';

const actor: Actor = { userId: 'u', organisationId: 'org-a', name: 'A', email: 'a@x.test', locale: 'nl', role: 'member', isPlatformAdmin: false };
const facts = (overrides: Partial<CommunityFacts>): CommunityFacts => ({ visibility: 'open', organisationId: 'org-a', partnerOrganisationIds: [], membership: null, ...overrides });

describe('communities models', () => {
  it('makes readable slugs from Dutch names', () => {
    assert.equal(slugify('Wmo-consulenten Voorbeeldstad'), 'wmo-consulenten-voorbeeldstad');
    assert.equal(slugify('  Schuldhulp in de keten! '), 'schuldhulp-in-de-keten');
    assert.equal(slugify('Één café, twee ideeën'), 'een-cafe-twee-ideeen');
    assert.equal(slugify('!!!'), 'gemeenschap');
    assert.ok(slugify('x'.repeat(200)).length <= 60);
  });

  it('stores tags lower-case and once', () => {
    assert.deepEqual(normaliseTags(['Wmo', ' wmo ', 'Jeugd', '']), ['wmo', 'jeugd']);
  });

  it('reads page numbers leniently', () => {
    assert.equal(pageNumber('3'), 3);
    assert.equal(pageNumber('abc'), 1);
    assert.equal(pageNumber('-2'), 1);
    assert.equal(pageNumber(undefined), 1);
    assert.equal(pageNumber('999999'), 500);
  });

  it('uses the extra row only to know there is a next page', () => {
    assert.deepEqual(toPage([1, 2, 3], { page: 1, pageSize: 2 }), { items: [1, 2], page: 1, pageSize: 2, hasNext: true });
    assert.deepEqual(toPage([1, 2], { page: 2, pageSize: 2 }), { items: [1, 2], page: 2, pageSize: 2, hasNext: false });
  });

  it('escapes LIKE wildcards typed in a search box', () => {
    assert.equal(likePattern('50%_Wmo'), '%50\\%\\_wmo%');
  });

  it('offers the one action that fits', () => {
    assert.equal(myStatus(actor, facts({})), 'can_join');
    assert.equal(myStatus(actor, facts({ visibility: 'closed' })), 'can_request');
    assert.equal(myStatus(actor, facts({ visibility: 'closed', organisationId: 'org-b' })), 'none');
    assert.equal(myStatus(actor, facts({ visibility: 'secret', membership: { status: 'invited', role: 'member' } })), 'invited');
    assert.equal(myStatus(actor, facts({ visibility: 'closed', membership: { status: 'requested', role: 'member' } })), 'requested');
    assert.equal(myStatus(actor, facts({ membership: { status: 'active', role: 'facilitator' } })), 'facilitator');
    assert.equal(myStatus(actor, facts({ membership: { status: 'active', role: 'member' } })), 'member');
  });
});
