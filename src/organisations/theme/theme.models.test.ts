import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseTheme, normaliseThemeValue, renderThemeCss } from './theme.models.ts';

const ACCENT = '--basis-color-accent-1-color-default';
const FONT = '--basis-text-font-family-default';

/** Everything an attacker (or a careless paste) might try to smuggle into the stylesheet. */
const INJECTION_ATTEMPTS = [
  'red;} body{display:none',
  '#fff;} body{display:none',
  '</style><script>alert(1)</script>',
  'url(javascript:alert(1))',
  'url(https://evil.example/x.png)',
  'expression(alert(1))',
  '#fff\\;',
  '#ff\u0000f',
  '#12345',
  '#1234567',
  'red',
  'rgb(0,0,0)',
  'var(--x)',
  '#fff /* */',
];

describe('theme tokens', () => {
  it('accepts colours and normalises them to lower case', () => {
    assert.equal(normaliseThemeValue(ACCENT, '#1A5B8F'), '#1a5b8f');
    assert.equal(normaliseThemeValue(ACCENT, ' #abc '), '#abc');
  });

  it('accepts a safe font stack', () => {
    assert.equal(normaliseThemeValue(FONT, '"Noto Sans",Arial ,  sans-serif'), '"Noto Sans", Arial, sans-serif');
    assert.equal(normaliseThemeValue(FONT, "'Fira Sans', system-ui"), "'Fira Sans', system-ui");
  });

  it('refuses every injection attempt, for colours and fonts', () => {
    for (const attempt of INJECTION_ATTEMPTS) {
      assert.equal(normaliseThemeValue(ACCENT, attempt), undefined, attempt);
    }
    for (const attempt of [...INJECTION_ATTEMPTS.filter((a) => a !== 'red'), 'Arial; color: red', 'Arial}', '"Arial', "'Arial\"", 'Arial\\', 'a<b', 'Arial\nbody{}']) {
      assert.equal(normaliseThemeValue(FONT, attempt), undefined, attempt);
    }
  });

  it('reports each bad token by its form field and drops empty ones', () => {
    const { theme, errors } = normaliseTheme({ [ACCENT]: 'red;} body{display:none', [FONT]: '', '--evil': '#fff', '--utrecht-link-color': '#0b57d0' });
    assert.deepEqual(theme, { '--utrecht-link-color': '#0b57d0' });
    assert.deepEqual(errors.map((e) => [e.field, e.code]), [
      [`theme.${ACCENT}`, 'organisations.theme.invalid_color'],
      ['theme.--evil', 'organisations.theme.unknown_token'],
    ]);
  });

  it('renders only allowed, valid tokens, even from a row edited by hand', () => {
    assert.equal(renderThemeCss({}), '');
    const css = renderThemeCss({ [ACCENT]: '#123456', '--evil': '#fff', '--utrecht-link-color': 'red;} body{display:none', [FONT]: 'Arial' });
    assert.equal(css, `.voorbeeld-theme {\n  ${ACCENT}: #123456;\n  ${FONT}: Arial;\n}\n`);
  });
});
