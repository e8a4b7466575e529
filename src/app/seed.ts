import type { Deps } from '../platform/deps.ts';
import type { OrgRole } from '../platform/db/schema.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { findUserByEmail, insertUser } from '../accounts/accounts.repository.ts';
import { OPERATOR } from '../organisations/organisations.policies.ts';
import { createOrganisation, getOrganisation } from '../organisations/organisations.usecases.ts';
import { seedDemoCommunities } from '../communities/communities.seed.ts';
import { communitySlug } from '../communities/communities.models.ts';
import { seedDemoQuestions } from '../questions/questions.seed.ts';
import { seedDemoPractices } from '../practices/practices.seed.ts';
import { seedDemoFramework } from '../frameworks/frameworks.seed.ts';
import { seedDemoSignals } from '../signals/signals.seed.ts';
import type { Actor } from '../platform/auth/actor.ts';

/** Every demo account shares this password (a pilot demo, never production data). */
export const DEMO_PASSWORD = 'leren-in-de-praktijk';

const ORGANISATIONS = [
  { slug: 'voorbeeldstad', name: 'Gemeente Voorbeeldstad', kind: 'municipality', emailDomains: ['voorbeeldstad.nl'], allowSelfSignup: true },
  { slug: 'zorggroep-de-linde', name: 'Zorggroep De Linde', kind: 'partner', emailDomains: ['delinde.nl'], allowSelfSignup: false },
  { slug: 'thuis-aan-de-maas', name: 'Woonstichting Thuis aan de Maas', kind: 'partner', emailDomains: ['thuisaandemaas.nl'], allowSelfSignup: false },
] as const;

type Org = (typeof ORGANISATIONS)[number]['slug'];

interface DemoUser {
  email: string;
  name: string;
  org: Org;
  role: OrgRole;
  jobTitle: string;
  expertise: string[];
  isPlatformAdmin?: boolean;
  /** What the printed list says this log-in is for. */
  shows: string;
}

const USERS: DemoUser[] = [
  { email: 'beheer@voorbeeldstad.nl', name: 'Pim Jansen', org: 'voorbeeldstad', role: 'admin', jobTitle: 'Functioneel beheerder', expertise: [], isPlatformAdmin: true, shows: 'platform admin and organisation admin' },
  { email: 'manager@voorbeeldstad.nl', name: 'Marieke de Graaf', org: 'voorbeeldstad', role: 'manager', jobTitle: 'Teammanager Wmo', expertise: ['wmo', 'beleid'], shows: 'manager, facilitator of every demo community' },
  { email: 'consulent@voorbeeldstad.nl', name: 'Sanne de Vries', org: 'voorbeeldstad', role: 'member', jobTitle: 'Wmo-consulent', expertise: ['wmo', 'keukentafelgesprek'], shows: 'professional, member of several communities' },
  { email: 'schuldhulp@voorbeeldstad.nl', name: 'Youssef Amrani', org: 'voorbeeldstad', role: 'member', jobTitle: 'Schuldhulpverlener', expertise: ['schuldhulp', 'vroegsignalering'], shows: 'professional with a pending join request' },
  { email: 'jeugd@voorbeeldstad.nl', name: 'Lotte Bakker', org: 'voorbeeldstad', role: 'member', jobTitle: 'Jeugdconsulent', expertise: ['jeugd', 'onderwijs'], shows: 'professional' },
  { email: 'wijkcoach@delinde.nl', name: 'Kees Visser', org: 'zorggroep-de-linde', role: 'member', jobTitle: 'Wijkcoach', expertise: ['wijkteam', 'ouderen'], shows: 'partner professional (care provider)' },
  { email: 'beheer@delinde.nl', name: 'Ingrid Smit', org: 'zorggroep-de-linde', role: 'admin', jobTitle: 'Teamleider', expertise: [], shows: 'organisation admin of a partner' },
  { email: 'huurconsulent@thuisaandemaas.nl', name: 'Ayşe Yılmaz', org: 'thuis-aan-de-maas', role: 'member', jobTitle: 'Huurconsulent', expertise: ['huurachterstand', 'schuldhulp'], shows: 'partner professional (housing corporation)' },
];

/**
 * Colleagues who are not printed as log-ins: with them the demo communities have enough people
 * for signals to show figures (anything about fewer than 5 people is suppressed). Same password.
 */
const COLLEAGUES: { name: string; org: Org; jobTitle: string }[] = [
  ...['Anouk Peters', 'Bas Hendriks', 'Charlotte Mulder', 'Daan de Boer', 'Eva Dekker', 'Finn Bos', 'Hanna Vos', 'Ilse Brouwer', 'Jesse van Dijk', 'Kim de Wit', 'Lars Meijer', 'Mila Koster', 'Noor Willems', 'Olaf Kok', 'Priya Ramdin', 'Ruben Jacobs']
    .map((name, i) => ({ name, org: 'voorbeeldstad' as const, jobTitle: i % 2 === 0 ? 'Wmo-consulent' : 'Schuldhulpverlener' })),
  ...['Sara El Idrissi', 'Tom Verhoeven', 'Vera Lammers', 'Wouter Post'].map((name) => ({ name, org: 'zorggroep-de-linde' as const, jobTitle: 'Wijkverpleegkundige' })),
  ...['Yara Schouten', 'Zeynep Kaya', 'Arjen Smits', 'Bo van Leeuwen'].map((name) => ({ name, org: 'thuis-aan-de-maas' as const, jobTitle: 'Huurconsulent' })),
];

/**
 * Seeds the demo world on first start: three organisations, people in every role, and open,
 * closed and secret communities (some spanning organisations). Runs again harmlessly: what
 * exists is left alone. Returns the text printed at start-up with the demo log-ins.
 */
export async function seedDemoWorld(deps: Deps): Promise<string> {
  const organisationIds = new Map<Org, string>();
  for (const org of ORGANISATIONS) {
    const existing = await getOrganisation(deps, OPERATOR, { slug: org.slug }).catch(() => undefined);
    const organisation = existing ?? (await createOrganisation(deps, OPERATOR, { ...org, emailDomains: [...org.emailDomains] }));
    organisationIds.set(org.slug, organisation.id);
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  /** Finds the demo person by address, or creates them: seeding runs on every start. */
  const ensureUser = async (person: { email: string; name: string; org: Org; role: OrgRole; jobTitle: string; expertise: string[]; isPlatformAdmin?: boolean }) =>
    (await findUserByEmail(deps.db, person.email)) ??
    (await insertUser(deps.db, {
      id: deps.ids.uuid(),
      organisation_id: organisationIds.get(person.org) as string,
      email: person.email,
      name: person.name,
      job_title: person.jobTitle,
      expertise: person.expertise,
      role: person.role,
      is_platform_admin: person.isPlatformAdmin ?? false,
      password_hash: passwordHash,
      status: 'active',
      email_verified_at: deps.clock.now(),
    }));
  const userIds = new Map<string, string>();
  for (const user of USERS) userIds.set(user.email, (await ensureUser(user)).id);
  const colleagues: Actor[] = [];
  for (const [index, colleague] of COLLEAGUES.entries()) {
    const domain = ORGANISATIONS.find((o) => o.slug === colleague.org)!.emailDomains[0];
    const email = `collega${String(index + 1).padStart(2, '0')}@${domain}`;
    const row = await ensureUser({ ...colleague, email, role: 'member', expertise: [] });
    colleagues.push({ userId: row.id, organisationId: row.organisation_id, name: colleague.name, email, locale: 'nl', role: 'member', isPlatformAdmin: false });
  }
  const id = (email: string) => userIds.get(email) as string;
  await seedDemoCommunities(deps, {
    municipalityId: organisationIds.get('voorbeeldstad') as string,
    partnerIds: [organisationIds.get('zorggroep-de-linde') as string, organisationIds.get('thuis-aan-de-maas') as string],
    facilitatorId: id('manager@voorbeeldstad.nl'),
    memberIds: [...['consulent@voorbeeldstad.nl', 'schuldhulp@voorbeeldstad.nl', 'jeugd@voorbeeldstad.nl', 'wijkcoach@delinde.nl', 'huurconsulent@thuisaandemaas.nl'].map(id), ...colleagues.map((c) => c.userId)],
  });
  const actor = (email: string): Actor => {
    const user = USERS.find((u) => u.email === email) as DemoUser;
    return { userId: id(email), organisationId: organisationIds.get(user.org) as string, name: user.name, email, locale: 'nl', role: user.role, isPlatformAdmin: false };
  };
  const wmo = { slug: communitySlug('Wmo-consulenten Voorbeeldstad') };
  const learningQuestionIds = await seedDemoFramework(deps, actor('manager@voorbeeldstad.nl'), wmo);
  await seedDemoQuestions(deps, {
    community: wmo,
    learningQuestionIds,
    facilitator: actor('manager@voorbeeldstad.nl'),
    consultant: actor('consulent@voorbeeldstad.nl'),
    debtCounsellor: actor('schuldhulp@voorbeeldstad.nl'),
    youthWorker: actor('jeugd@voorbeeldstad.nl'),
  });
  await seedDemoPractices(deps, {
    community: wmo,
    learningQuestionIds,
    facilitator: actor('manager@voorbeeldstad.nl'),
    consultant: actor('consulent@voorbeeldstad.nl'),
    debtCounsellor: actor('schuldhulp@voorbeeldstad.nl'),
    youthWorker: actor('jeugd@voorbeeldstad.nl'),
  });
  await seedDemoSignals(deps, { wmo, chain: { slug: communitySlug('Schuldhulp in de keten') }, learningQuestionIds, colleagues });
  const width = Math.max(...USERS.map((u) => u.email.length));
  return [
    `Demo log-ins (password for all: ${DEMO_PASSWORD}):`,
    ...USERS.map((u) => `  ${u.email.padEnd(width)}  ${u.shows}`),
  ].join('\n');
}
