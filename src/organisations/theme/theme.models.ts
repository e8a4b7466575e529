import type { FieldError } from '../../platform/errors.ts';
import { THEME_FIELD_PREFIX } from '../organisations.models.ts';

/**
 * Theme tokens (thema): the few NL Design System custom properties an organisation may set.
 * Values end up inside a stylesheet every member's browser loads, so each kind of value has a
 * strict whitelist pattern, and nothing that could close a declaration or a block
 * (`;`, `{`, `}`), open a tag (`<`), call a function (`url(`, `expression(`) or escape (`\`)
 * can ever match.
 */
export type ThemeValueKind = 'color' | 'font-family';

export const THEME_TOKENS = [
  { name: '--basis-color-accent-1-color-default', kind: 'color', key: 'accent' },
  { name: '--basis-color-action-1-color-default', kind: 'color', key: 'action' },
  { name: '--basis-color-default-color-document', kind: 'color', key: 'text' },
  { name: '--basis-color-default-bg-document', kind: 'color', key: 'background' },
  { name: '--utrecht-button-primary-action-background-color', kind: 'color', key: 'button' },
  { name: '--utrecht-link-color', kind: 'color', key: 'link' },
  { name: '--basis-text-font-family-default', kind: 'font-family', key: 'font' },
  { name: '--basis-heading-font-family', kind: 'font-family', key: 'heading_font' },
] as const satisfies readonly { name: string; kind: ThemeValueKind; key: string }[];

export type ThemeTokenName = (typeof THEME_TOKENS)[number]['name'];
export const THEME_TOKEN_NAMES: readonly ThemeTokenName[] = THEME_TOKENS.map((token) => token.name);
export const THEME_VALUE_MAX_LENGTH = 200;

const COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
// A family is a bare name (letters, digits, spaces, hyphens) or the same inside matching quotes.
const FAMILY = String.raw`(?:[A-Za-z][A-Za-z0-9 -]{0,62}|'[A-Za-z0-9 -]{1,63}'|"[A-Za-z0-9 -]{1,63}")`;
const FONT_FAMILY = new RegExp(String.raw`^${FAMILY}(?:\s*,\s*${FAMILY}){0,9}$`);

const tokenKind = new Map<string, ThemeValueKind>(THEME_TOKENS.map((token) => [token.name, token.kind]));

export const isThemeTokenName = (name: string): name is ThemeTokenName => tokenKind.has(name);

/** The stored form of a value, or undefined when it is not allowed for this token. */
export function normaliseThemeValue(name: string, value: string): string | undefined {
  const kind = tokenKind.get(name);
  const trimmed = value.trim();
  if (!kind || trimmed.length > THEME_VALUE_MAX_LENGTH) return undefined;
  if (kind === 'color') return COLOR.test(trimmed) ? trimmed.toLowerCase() : undefined;
  return FONT_FAMILY.test(trimmed) ? trimmed.replace(/\s*,\s*/g, ', ') : undefined;
}

/**
 * Checks a submitted theme: empty values mean "no override" and are dropped; every unknown
 * token or refused value becomes a field error named `theme.<token>`, as the form names it.
 */
export function normaliseTheme(input: Record<string, unknown> | undefined): { theme: Record<string, string>; errors: FieldError[] } {
  const theme: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const [name, raw] of Object.entries(input ?? {})) {
    const field = `${THEME_FIELD_PREFIX}${name}`;
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) continue;
    if (!isThemeTokenName(name)) {
      errors.push({ field, code: 'organisations.theme.unknown_token' });
      continue;
    }
    const value = typeof raw === 'string' ? normaliseThemeValue(name, raw) : undefined;
    if (value === undefined) errors.push({ field, code: tokenKind.get(name) === 'color' ? 'organisations.theme.invalid_color' : 'organisations.theme.invalid_font' });
    else theme[name] = value;
  }
  return { theme, errors };
}

/**
 * The organisation's stylesheet. Stored values are checked again on the way out, so a row
 * edited by hand (or written before a rule tightened) still cannot inject CSS.
 */
export function renderThemeCss(theme: Record<string, unknown>): string {
  const declarations: string[] = [];
  for (const name of THEME_TOKEN_NAMES) {
    const raw = theme[name];
    const value = typeof raw === 'string' ? normaliseThemeValue(name, raw) : undefined;
    if (value !== undefined) declarations.push(`  ${name}: ${value};`);
  }
  return declarations.length === 0 ? '' : `.voorbeeld-theme {\n${declarations.join('\n')}\n}\n`;
}
