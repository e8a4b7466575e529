import type { Deps } from '../platform/deps.ts';

/**
 * Command-line administration: `npm run cli -- <command> …`. Commands are added by the
 * features that own them (organisations: `org create`, `admin create`).
 */
export async function runCli(deps: Deps, argv: string[]): Promise<number> {
  const commands: Record<string, (deps: Deps, args: string[]) => Promise<number>> = {};
  const key = Object.keys(commands).find((name) => argv.join(' ').startsWith(name));
  if (!key) {
    console.error(`Unknown command: ${argv.join(' ')}\nCommands:\n${Object.keys(commands).map((c) => `  ${c}`).join('\n')}`);
    return 2;
  }
  return (commands[key] as (deps: Deps, args: string[]) => Promise<number>)(deps, argv.slice(key.split(' ').length));
}
