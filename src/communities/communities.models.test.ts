import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../platform/auth/actor.ts';
import { communitySlug, myStatus, normaliseTags } from './communities.models.ts';
import type { CommunityFacts } from './communities.policies.ts';

const actor: Actor = { userId: 'u', organisationId: 'org-a', name: 'A', email: 'a@x.test', locale: 'nl', role: 'member', isPlatformAdmin: false };
const facts = (overrides: Partial<CommunityFacts>): CommunityFacts => ({ visibility: 'open', organisationId: 'org-a', partnerOrganisationIds: [], membership: null, ...overrides });

describe('communities models', () => {
  it('makes readable slugs from Dutch names', () => {
    assert.equal(communitySlug('Wmo-consulenten Voorbeeldstad'), 'wmo-consulenten-voorbeeldstad');
    assert.equal(communitySlug('  Schuldhulp in de keten! '), 'schuldhulp-in-de-keten');
    assert.equal(communitySlug('Één café, twee ideeën'), 'een-cafe-twee-ideeen');
    assert.equal(communitySlug('!!!'), 'gemeenschap');
    assert.ok(communitySlug('x'.repeat(200)).length <= 60);
  });

  it('stores tags lower-case and once', () => {
    assert.deepEqual(normaliseTags(['Wmo', ' wmo ', 'Jeugd', '']), ['wmo', 'jeugd']);
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
