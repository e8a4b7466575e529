import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isAppError } from '../platform/errors.ts';
import { parsePageNumber, toPage } from '../platform/paging.ts';
import { slugify } from '../platform/text.ts';
import {
  emailDomainOf,
  normaliseDomain,
  normaliseDomains,
  organisationFormToInput,
  parseOrganisationInput,
  slugProblem,
  withSuggestedSlug,
} from './organisations.models.ts';
import { CreateOrganisationInput } from './organisations.schemas.ts';

describe('organisation rules', () => {
  it('derives a slug from a Dutch name', () => {
    assert.equal(slugify("Gemeente 's-Hertogenbosch"), 'gemeente-s-hertogenbosch');
    assert.equal(slugify('  Zorggroep Café Één  '), 'zorggroep-cafe-een');
    assert.equal(slugify('???'), '');
    assert.ok(slugify('x'.repeat(200)).length <= 60);
  });

  it('refuses bad and reserved slugs', () => {
    assert.equal(slugProblem('gemeente-x'), undefined);
    assert.equal(slugProblem('Gemeente'), 'validation.slug');
    assert.equal(slugProblem('a--b'), 'validation.slug');
    assert.equal(slugProblem('x'), 'validation.slug');
    assert.equal(slugProblem('nieuw'), 'organisations.slug_reserved');
  });

  it('normalises e-mail domains and refuses what is not one', () => {
    assert.equal(normaliseDomain(' Voorbeeldstad.NL '), 'voorbeeldstad.nl');
    assert.equal(normaliseDomain('@gemeente.nl'), 'gemeente.nl');
    assert.equal(normaliseDomain('sub.gemeente-x.nl.'), 'sub.gemeente-x.nl');
    assert.equal(normaliseDomain('zoetermeer.nl'), 'zoetermeer.nl');
    assert.equal(normaliseDomain('bücher.de'), 'xn--bcher-kva.de');
    for (const bad of ['nl', 'http://x.nl', 'a b.nl', 'x..nl', '-x.nl', 'x-.nl', 'x.n1', 'jan@x.nl', 'x.nl/pad', '']) {
      assert.equal(normaliseDomain(bad), undefined, bad);
    }
    const result = normaliseDomains(['X.nl', 'x.nl', 'y.nl', 'nope']);
    assert.deepEqual(result.domains, ['x.nl', 'y.nl']);
    assert.equal(result.errors[0]?.code, 'organisations.domain_invalid');
    assert.equal(emailDomainOf('Jan@Gemeente.NL'), 'gemeente.nl');
  });

  it('reads page numbers leniently', () => {
    assert.equal(parsePageNumber('3'), 3);
    for (const odd of [undefined, '', 'abc', '-1', '0', '1e3', ['2']]) assert.equal(parsePageNumber(odd), 1);
    assert.equal(parsePageNumber('999999'), 10_000);
    assert.deepEqual(toPage([1, 2, 3], { page: 1, pageSize: 2 }), { items: [1, 2], page: 1, pageSize: 2, hasNext: true });
  });

  it('maps a form post onto the API shape and checks it with the same schema', () => {
    const input = organisationFormToInput({ _csrf: 'x', name: 'Gemeente X', slug: '', kind: 'partner', emailDomains: 'x.nl, y.nl\nz.nl', allowSelfSignup: 'yes', 'theme.--utrecht-link-color': '#123456' });
    assert.deepEqual(input, { name: 'Gemeente X', kind: 'partner', emailDomains: ['x.nl', 'y.nl', 'z.nl'], allowSelfSignup: true, theme: { '--utrecht-link-color': '#123456' } });
    assert.equal(parseOrganisationInput(CreateOrganisationInput, input).name, 'Gemeente X');
    assert.equal(organisationFormToInput({ name: 'X' }).allowSelfSignup, false);
  });

  it('names a bad slug with the slug message', () => {
    try {
      parseOrganisationInput(CreateOrganisationInput, { name: 'Gemeente X', kind: 'municipality', slug: 'Niet Goed' });
      assert.fail('should throw');
    } catch (error) {
      assert.ok(isAppError(error));
      assert.deepEqual(error.fields.map((f) => [f.field, f.code]), [['slug', 'validation.slug']]);
    }
  });

  it('suggests a slug on a re-rendered form only when none was typed', () => {
    assert.equal(withSuggestedSlug({ name: 'Gemeente Y', slug: '' }).slug, 'gemeente-y');
    assert.equal(withSuggestedSlug({ name: 'Gemeente Y', slug: 'eigen' }).slug, 'eigen');
  });
});
