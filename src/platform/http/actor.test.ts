import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.ts';
import { isAppError } from '../errors.ts';
import { requireActor } from './actor.ts';

const actor: Actor = { userId: 'u', organisationId: 'o', name: 'A', email: 'a@x.test', locale: 'nl', role: 'member', isPlatformAdmin: false };

describe('requireActor', () => {
  it('returns the signed-in actor', () => {
    assert.equal(requireActor({ actor } as FastifyRequest), actor);
  });

  it('answers 401 without one', () => {
    assert.throws(() => requireActor({ actor: null } as FastifyRequest), (error) => isAppError(error) && error.status === 401);
  });
});
