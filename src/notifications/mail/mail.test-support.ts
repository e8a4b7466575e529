import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { actorOf, createTestCommunity, createTestOrganisation, createTestUser, mimeLeaves, parseMime, type TestDeps } from '../../../test/harness.ts';
import { askQuestion } from '../../questions/questions.usecases.ts';
import { postAnswer } from '../../questions/answers/answers.usecases.ts';

/**
 * Support for the mail test files: a real SMTP server in this process (smtp-server on 127.0.0.1)
 * whose answers a test switches (accept, a temporary 451, a permanent 550 for some addresses),
 * and a small world of people with a question and answers, the way the app makes them.
 * Each mail test file also takes a database of its own (useOwnDatabase from the prompts engine
 * support): the senders work over every pending notification in the database.
 */

export interface ReceivedMail {
  to: string[];
  raw: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface TestSmtp {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** 'accept', 'temporary' (451 on every RCPT TO); addresses in `rejected` get a 550 whatever the mode. */
  mode: 'accept' | 'temporary';
  rejected: Set<string>;
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const state: TestSmtp = {
    port: 0, url: '', received: [], mode: 'accept', rejected: new Set(),
    to: (address) => state.received.filter((m) => m.to.includes(address.toLowerCase())),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const fail = (code: number, message: string) => callback(Object.assign(new Error(message), { responseCode: code }));
      if (state.rejected.has(address.address.toLowerCase())) return fail(550, 'No such user here');
      if (state.mode === 'temporary') return fail(451, 'Try again later');
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = parseMime(raw);
        const leaves = mimeLeaves(parsed);
        state.received.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          raw,
          subject: decodeHeader(parsed.headers.subject ?? ''),
          text: leaves.find((p) => p.headers['content-type']?.startsWith('text/plain'))?.body ?? '',
          html: leaves.find((p) => p.headers['content-type']?.startsWith('text/html'))?.body ?? '',
          headers: parsed.headers,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.server.address() as AddressInfo).port;
  state.url = `smtp://127.0.0.1:${state.port}`;
  return state;
}

/** RFC 2047 encoded words (what nodemailer writes for non-ASCII subjects), joined. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(Number.parseInt(h, 16))), 'latin1').toString('utf8'));
}

/** Everything a mail says, decoded, to look for canaries in. */
export const wholeMail = (m: ReceivedMail) => `${m.subject}\n${m.text}\n${m.html}\n${m.raw}`;

export const minutes = (n: number) => n * 60_000;

/** An organisation, an asker and an answerer, and a community they are both active members of. */
export async function createAskerWorld(deps: TestDeps, options: { visibility?: 'open' | 'closed' | 'secret'; askerName?: string; locale?: 'nl' | 'en' } = {}) {
  const org = await createTestOrganisation(deps);
  const asker = await createTestUser(deps, org.id, { name: options.askerName, locale: options.locale });
  const answerer = await createTestUser(deps, org.id);
  const community = await createTestCommunity(deps, org.id, { visibility: options.visibility ?? 'open', members: [{ userId: asker.id }, { userId: answerer.id }] });
  const ask = (title: string, communityId = community.id, tags?: string[]) => askQuestion(deps, actorOf(asker), { id: communityId }, { kind: 'how', title, body: 'Toelichting bij de vraag', tags });
  const answer = (questionId: string, body = 'Zo pak ik het aan.') => postAnswer(deps, actorOf(answerer), questionId, { body });
  return { org, asker, answerer, community, ask, answer };
}
