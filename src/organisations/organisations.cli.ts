import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Deps } from '../platform/deps.ts';
import { isAppError, type AppError } from '../platform/errors.ts';
import { parseInput, splitList } from '../platform/validation/validate.ts';
import { createPlatformAdmin } from './members/members.usecases.ts';
import { CreatePlatformAdminInput } from './members/members.schemas.ts';
import { MAX_PAGE_SIZE, parseOrganisationInput } from './organisations.models.ts';
import { OPERATOR } from './organisations.policies.ts';
import { CreateOrganisationInput } from './organisations.schemas.ts';
import { createOrganisation, listOrganisations } from './organisations.usecases.ts';

/**
 * `npm run cli -- org create|org list|admin create`: the operator's way in before anyone can log
 * in. The same use cases as the pages; the caller is the OPERATOR (see organisations.policies).
 */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CliCommand {
  name: string;
  usage: string;
  run(deps: Deps, args: string[], io: CliIo): Promise<number>;
}

/** Exit codes: 0 done, 1 refused (e.g. already exists), 2 bad arguments. */
const EXIT_REFUSED = 1;
const EXIT_USAGE = 2;

/** Field names in errors, as the operator typed them. */
const OPTION_OF_FIELD: Record<string, string> = { emailDomains: '--domains', allowSelfSignup: '--self-signup' };

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;
type Run = (deps: Deps, values: Values, io: CliIo) => Promise<number>;

const command = (name: string, usage: string, options: Options, run: Run): CliCommand => {
  const self: CliCommand = { name, usage, run: (deps, args, io) => runParsed(self, deps, args, io, options, run) };
  return self;
};

const orgCreate = command(
  'org create',
  'org create --name "Gemeente X" [--slug gemeente-x] [--kind municipality|partner] [--domains x.nl,y.nl] [--self-signup]',
  { name: { type: 'string' }, slug: { type: 'string' }, kind: { type: 'string', default: 'municipality' }, domains: { type: 'string' }, 'self-signup': { type: 'boolean', default: false } },
  async (deps, values, io) => {
    const input = parseOrganisationInput(
      CreateOrganisationInput,
      definedOnly({ name: values.name, slug: values.slug, kind: values.kind, emailDomains: splitList(values.domains), allowSelfSignup: values['self-signup'] }),
    );
    const organisation = await createOrganisation(deps, OPERATOR, input);
    io.out(`Created organisation ${organisation.name} (${organisation.slug}, ${organisation.id}).`);
    return 0;
  },
);

const orgList = command('org list', 'org list [--search text]', { search: { type: 'string' } }, async (deps, values, io) => {
  io.out(['id', 'slug', 'kind', 'self-signup', 'name', 'domains'].join('\t'));
  const q = typeof values.search === 'string' ? values.search : undefined;
  for (let page = 1, hasNext = true; hasNext; page += 1) {
    const result = await listOrganisations(deps, OPERATOR, { page, pageSize: MAX_PAGE_SIZE, q });
    for (const o of result.items) io.out([o.id, o.slug, o.kind, o.allowSelfSignup ? 'yes' : 'no', o.name, o.emailDomains.join(',')].join('\t'));
    hasNext = result.hasNext;
  }
  return 0;
});

const adminCreate = command(
  'admin create',
  'admin create --email a@b.nl --name "Full Name" --organisation <slug> [--password …]\n' +
    '      Without --password a strong one is generated and printed once (safer: a password on the command line ends up in shell history).',
  { email: { type: 'string' }, name: { type: 'string' }, organisation: { type: 'string' }, password: { type: 'string' } },
  async (deps, values, io) => {
    const { member, generatedPassword } = await createPlatformAdmin(deps, OPERATOR, parseInput(CreatePlatformAdminInput, definedOnly(values)));
    io.out(`Created platform administrator ${member.name} <${member.email}> (${member.id}).`);
    if (generatedPassword) io.out(`Password (shown only now, store it safely): ${generatedPassword}`);
    return 0;
  },
);

/** A missing option is missing, not an empty string (which would read as "too short"). */
const definedOnly = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));

export const organisationCommands: CliCommand[] = [orgCreate, orgList, adminCreate];

/** Parses strictly (unknown options and stray words are errors) and turns refused input into exit codes. */
async function runParsed(self: CliCommand, deps: Deps, args: string[], io: CliIo, options: Options, run: Run): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`Usage: npm run cli -- ${self.usage}`);
    return 0;
  }
  let values: Values;
  try {
    values = parseArgs({ args, options, strict: true, allowPositionals: false }).values as Values;
  } catch (error) {
    io.err(`${(error as Error).message}\nUsage: npm run cli -- ${self.usage}`);
    return EXIT_USAGE;
  }
  try {
    return await run(deps, values, io);
  } catch (error) {
    if (!isAppError(error)) throw error;
    io.err(describeError(deps, error));
    return error.status === 400 || error.status === 422 ? EXIT_USAGE : EXIT_REFUSED;
  }
}

function describeError(deps: Deps, error: AppError): string {
  const t = deps.i18n.translator('en');
  if (error.fields.length === 0) return `Error: ${t(error.code)}`;
  return ['Error:', ...error.fields.map((f) => `  ${OPTION_OF_FIELD[f.field] ?? `--${f.field}`}: ${t(f.code, f.params)}`)].join('\n');
}
