import type { Deps } from '../platform/deps.ts';
import { organisationCommands, type CliCommand, type CliIo } from '../organisations/organisations.cli.ts';

/** Every command, listed; each feature owns its commands' code. */
const COMMANDS: CliCommand[] = [...organisationCommands];

const consoleIo: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };

/**
 * Command-line administration: `npm run cli -- <command> …`. Returns the exit code:
 * 0 done, 1 refused, 2 bad arguments (with the usage text).
 */
export async function runCli(deps: Deps, argv: string[], io: CliIo = consoleIo): Promise<number> {
  const usage = ['Usage: npm run cli -- <command>', 'Commands:', ...COMMANDS.map((c) => `  ${c.usage}`)].join('\n');
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help') {
    io.out(usage);
    return argv.length === 0 ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name.split(' ').every((word, i) => argv[i] === word));
  if (!command) {
    io.err(`Unknown command: ${argv.join(' ')}\n${usage}`);
    return 2;
  }
  return command.run(deps, argv.slice(command.name.split(' ').length), io);
}
