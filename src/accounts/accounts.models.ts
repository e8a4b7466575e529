import { checkPasswordPolicy } from '../platform/auth/passwords.ts';
import type { FieldError } from '../platform/errors.ts';

/** Pure rules of the accounts feature: no I/O, unit tested in accounts.models.test.ts. */

export const INVITATION_TTL_MS = 7 * 86_400_000;
export const VERIFY_EMAIL_TTL_MS = 24 * 3_600_000;
export const RESET_PASSWORD_TTL_MS = 3_600_000;

export const DEFAULT_PAGE_SIZE = 20;

/** Field errors for a new password: the policy (ASVS 5.0 L2) and, when asked twice, equality. */
export function newPasswordProblems(input: { password: string; passwordConfirmation?: string }, email: string): FieldError[] {
  const problems: FieldError[] = [];
  const policyProblem = checkPasswordPolicy(input.password, { email });
  if (policyProblem) problems.push({ field: 'password', code: policyProblem });
  if (input.passwordConfirmation !== undefined && input.passwordConfirmation !== input.password) {
    problems.push({ field: 'passwordConfirmation', code: 'validation.password_mismatch' });
  }
  return problems;
}

/** Expertise tags: trimmed, inner spaces collapsed, duplicates (ignoring case) and empties removed. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of tags) {
    const tag = raw.replace(/\s+/g, ' ').trim();
    const key = tag.toLocaleLowerCase('nl');
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    result.push(tag);
  }
  return result;
}

export const emailDomain = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/** A recognisable name for a session's device, from its user agent; undefined parts are unknown. */
export function describeUserAgent(userAgent: string): { browser?: string; os?: string } {
  const browsers: [RegExp, string][] = [
    [/Edg(e|A|iOS)?\//, 'Edge'],
    [/Firefox\/|FxiOS\//, 'Firefox'],
    [/Chrome\/|CriOS\//, 'Chrome'],
    [/Safari\//, 'Safari'],
  ];
  const systems: [RegExp, string][] = [
    [/iPhone|iPad|iPod/, 'iOS'],
    [/Android/, 'Android'],
    [/Windows/, 'Windows'],
    [/Mac OS X|Macintosh/, 'macOS'],
    [/CrOS/, 'ChromeOS'],
    [/Linux/, 'Linux'],
  ];
  return { browser: browsers.find(([pattern]) => pattern.test(userAgent))?.[1], os: systems.find(([pattern]) => pattern.test(userAgent))?.[1] };
}
