import { hash, verify } from '@node-rs/argon2';
import { createRequire } from 'node:module';

/**
 * Argon2id with the OWASP-recommended parameters (19 MiB, 2 iterations, 1 lane).
 * Password rules follow OWASP ASVS 5.0 level 2 (V6.2): at least 8 characters, 64 or more allowed
 * (we allow 128), no composition rules, and refuse passwords from a list of common ones.
 */
const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    // Spend the same time as a real check, so response time does not reveal unknown accounts.
    await hash(password, OPTIONS);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let commonPasswords: Set<string> | undefined;
function loadCommonPasswords(): Set<string> {
  if (!commonPasswords) {
    // The zxcvbn-ts common-password dictionary (about 30,000 entries from breach corpora).
    const require = createRequire(import.meta.url);
    const dictionary = require('@zxcvbn-ts/language-common').dictionary as { 'passwords-common': string[] };
    commonPasswords = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
    for (const extra of ['leerkring', 'welkom01', 'welkom123', 'wachtwoord', 'wachtwoord1', 'gemeente', 'gemeente1']) commonPasswords.add(extra);
  }
  return commonPasswords;
}

export type PasswordProblem = 'validation.password_too_short' | 'validation.password_too_long' | 'validation.password_common' | 'validation.password_contains_email';

/** Returns why a new password is refused, or undefined when it is acceptable. */
export function checkPasswordPolicy(password: string, context: { email?: string } = {}): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'validation.password_too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'validation.password_too_long';
  const lower = password.toLowerCase();
  if (loadCommonPasswords().has(lower)) return 'validation.password_common';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'validation.password_contains_email';
  return undefined;
}
