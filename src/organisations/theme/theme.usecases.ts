import type { Deps } from '../../platform/deps.ts';
import { findOrganisationById } from '../organisations.usecases.ts';
import { renderThemeCss } from './theme.models.ts';

/**
 * The stylesheet with an organisation's theme tokens. Not secret and not personal, so no actor
 * is needed; an unknown organisation simply has no overrides.
 */
export async function getThemeStylesheet(deps: Pick<Deps, 'db'>, organisationId: string): Promise<string> {
  const organisation = await findOrganisationById(deps, organisationId);
  return organisation ? renderThemeCss(organisation.theme) : '';
}
