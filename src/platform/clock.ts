import { randomUUID } from 'node:crypto';

/** Time and ids are injected so tests can control them. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface Ids {
  uuid(): string;
}
export const randomIds: Ids = { uuid: () => randomUUID() };
