import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestApp, createTestOrganisation, TestClient } from '../../test/harness.ts';
import { runCli } from '../app/cli.ts';
import type { CliIo } from './organisations.cli.ts';

const unique = () => randomUUID().slice(0, 8);

describe('organisations CLI', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  /** Runs a command as `npm run cli -- …` would, capturing what it prints. */
  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (line) => void out.push(line), err: (line) => void err.push(line) };
    const code = await runCli(t.deps, argv, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('creates an organisation with domains and self sign-up, and lists it', async () => {
    const id = unique();
    const result = await cli('org', 'create', '--name', `Gemeente Cli ${id}`, '--slug', `cli-${id}`, '--kind', 'partner', '--domains', `Cli-${id}.nl,y-${id}.nl`, '--self-signup');
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, new RegExp(`Created organisation Gemeente Cli ${id} \\(cli-${id}, `));
    const row = await t.deps.db.selectFrom('organisations').selectAll().where('slug', '=', `cli-${id}`).executeTakeFirstOrThrow();
    assert.deepEqual([row.kind, row.email_domains, row.allow_self_signup], ['partner', [`cli-${id}.nl`, `y-${id}.nl`], true]);
    assert.ok(t.deps.dispatched.some((e) => e.name === 'organisation.created' && e.payload.organisationId === row.id && e.payload.actorId === null));

    const list = await cli('org', 'list', '--search', `Cli ${id}`);
    assert.equal(list.code, 0);
    assert.match(list.out, new RegExp(`${row.id}\tcli-${id}\tpartner\tyes\tGemeente Cli ${id}\tcli-${id}.nl,y-${id}.nl`));
  });

  it('exits 2 with the usage on bad arguments and 1 when refused', async () => {
    const unknownOption = await cli('org', 'create', '--name', 'Gemeente X', '--colour', 'red');
    assert.equal(unknownOption.code, 2);
    assert.match(unknownOption.err, /Usage: npm run cli -- org create/);
    assert.equal((await cli('org', 'create', 'positional')).code, 2);
    const missing = await cli('org', 'create');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--name: Fill in this field/);
    const badDomain = await cli('org', 'create', '--name', `Gemeente ${unique()}`, '--domains', 'niet goed');
    assert.equal(badDomain.code, 2);
    assert.match(badDomain.err, /--domains: "niet goed" is not a valid domain name/);
    assert.equal((await cli('org', 'create', '--name', `Gemeente ${unique()}`, '--kind', 'kasteel')).code, 2);
    const existing = await createTestOrganisation(t.deps);
    const taken = await cli('org', 'create', '--name', 'Gemeente Dubbel', '--slug', existing.slug);
    assert.equal(taken.code, 1);
    assert.match(taken.err, /--slug: This short name is already in use/);
    assert.equal((await cli('org', 'delete')).code, 2);
    assert.equal((await cli('organisation', 'create')).code, 2);
    assert.equal((await cli('org', 'create', '--help')).code, 0);
  });

  it('creates the first platform administrator with a generated password shown once', async () => {
    const org = await createTestOrganisation(t.deps);
    const email = `beheer-${unique()}@voorbeeld.test`;
    const result = await cli('admin', 'create', '--email', email, '--name', 'Eerste Beheerder', '--organisation', org.slug);
    assert.equal(result.code, 0, result.err);
    const password = result.out.match(/Password \(shown only now, store it safely\): (\S+)/)?.[1];
    assert.ok(password && password.length >= 20);
    const user = await t.deps.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    assert.deepEqual([user.is_platform_admin, user.role, user.status, user.organisation_id], [true, 'admin', 'active', org.id]);
    assert.notEqual(user.password_hash, password);
    const client = new TestClient(t.app);
    await client.logIn(email, password);
    assert.equal((await client.get('/beheer/organisaties')).statusCode, 200);
  });

  it('takes a chosen password, but only a good one, and refuses a second account for one address', async () => {
    const org = await createTestOrganisation(t.deps);
    const email = `gekozen-${unique()}@voorbeeld.test`;
    const weak = await cli('admin', 'create', '--email', email, '--name', 'Zwak Wachtwoord', '--organisation', org.slug, '--password', 'welkom123');
    assert.equal(weak.code, 2);
    assert.match(weak.err, /--password: This password is used a lot/);
    const ok = await cli('admin', 'create', '--email', email, '--name', 'Goed Wachtwoord', '--organisation', org.slug, '--password', 'een heel lang en eigen wachtwoord');
    assert.equal(ok.code, 0, ok.err);
    assert.doesNotMatch(ok.out, /Password/);
    await new TestClient(t.app).logIn(email, 'een heel lang en eigen wachtwoord');
    const again = await cli('admin', 'create', '--email', email.toUpperCase(), '--name', 'Nog Een', '--organisation', org.slug);
    assert.equal(again.code, 1);
    assert.match(again.err, /--email: There is already an account/);
    const noOrg = await cli('admin', 'create', '--email', `x-${unique()}@voorbeeld.test`, '--name', 'Zonder Org', '--organisation', `bestaat-niet-${unique()}`);
    assert.equal(noOrg.code, 2);
    assert.match(noOrg.err, /--organisation: This organisation does not exist/);
    assert.equal((await cli('admin', 'create', '--email', 'geen-adres', '--name', 'X Y', '--organisation', org.slug)).code, 2);
  });
});
