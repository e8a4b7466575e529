import nodemailer, { type Transporter } from 'nodemailer';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** A calendar invitation (.ics), sent as a text/calendar part that mail clients offer to add. */
  icalEvent?: { method: 'REQUEST' | 'CANCEL'; filename: string; content: string };
  attachments?: { filename: string; content: string | Buffer; contentType: string }[];
}

/**
 * A 5xx answer to the recipient or the message (RCPT TO, DATA) is permanent: the address does
 * not take mail. Everything else (4xx, a refused connection, a time-out, a 5xx on log-in) is the
 * server's trouble, not the address's: tried again later.
 */
export function isPermanentFailure(error: unknown): boolean {
  const e = error as { responseCode?: unknown; code?: unknown } | null;
  if (!e || typeof e.responseCode !== 'number') return false;
  return e.responseCode >= 500 && e.responseCode < 600 && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE');
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * SMTP when configured; otherwise each mail is written as an .eml file under `dir`, so a pilot
 * without a mail server still shows every mail (listed at /dev/mail in development).
 */
export function createMailer(options: { smtpUrl?: string; from: string; dir: string }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      send: async (message) => {
        await transport.sendMail({ from: options.from, ...message });
      },
      close: () => transport.close(),
    };
  }
  const transport: Transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    send: async (message) => {
      const info = await transport.sendMail({ from: options.from, ...message });
      await fs.mkdir(options.dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}.eml`;
      await fs.writeFile(path.join(options.dir, name), info.message as Buffer);
    },
    close: () => transport.close(),
  };
}

export interface StoredMail {
  file: string;
  to: string;
  subject: string;
  date: string;
  text: string;
}

/** Reads the .eml files written by the file mailer, newest first (development only). */
export async function listStoredMail(dir: string, limit = 50): Promise<StoredMail[]> {
  const files = (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort().reverse().slice(0, limit);
  return Promise.all(
    files.map(async (file) => {
      const raw = await fs.readFile(path.join(dir, file), 'utf8');
      const header = (name: string) => raw.match(new RegExp(`^${name}: (.*)$`, 'mi'))?.[1] ?? '';
      return { file, to: header('To'), subject: decodeMimeWord(header('Subject')), date: header('Date'), text: extractTextPart(raw) };
    }),
  );
}

function decodeMimeWord(value: string): string {
  return value.replace(/=\?utf-8\?Q\?([^?]*)\?=/gi, (_, q: string) =>
    Buffer.from(q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(Number.parseInt(h, 16))), 'latin1').toString('utf8'),
  ).replace(/\s+/g, ' ');
}

function extractTextPart(raw: string): string {
  const match = raw.match(/Content-Type: text\/plain[^\n]*\n(?:Content-Transfer-Encoding: ([^\n]*)\n)?\n([\s\S]*?)\n--/i);
  if (!match) return '';
  const body = match[2] ?? '';
  if (match[1]?.trim().toLowerCase() === 'quoted-printable') {
    return Buffer.from(body.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))), 'latin1').toString('utf8');
  }
  if (match[1]?.trim().toLowerCase() === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  return body;
}
