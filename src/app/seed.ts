import type { Deps } from '../platform/deps.ts';

/** Seeds the demo world once (idempotent); returns the text with URL and demo log-ins. */
export async function seedDemoWorld(_deps: Deps): Promise<string> {
  return '';
}
