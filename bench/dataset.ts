/**
 * Synthetic benchmark dataset, written straight into the database with set-based SQL
 * (INSERT … SELECT … FROM generate_series), never row by row.
 *
 * Everything is derived from a deterministic hash of (seed, key), so the same scale and seed give
 * the same organisations, users, communities and memberships on every run. It expects an empty,
 * migrated database (bench/run.ts creates a fresh one).
 *
 * Standalone: BENCH_DATABASE_URL=postgres://…/leerkring_bench node --import tsx bench/dataset.ts [--scale N]
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { hashPassword } from '../src/platform/auth/passwords.ts';

/** Every bench user has this password, so a person can log in and look around. */
export const BENCH_PASSWORD = 'bench-wachtwoord-leerkring';

/** Counts at --scale 1; --scale multiplies each of them. */
export const BASE_COUNTS = { organisations: 20, users: 5_000, communities: 200 } as const;

export interface DatasetOptions {
  /** Multiplies every count (organisations, users, communities). Default 1. */
  scale?: number;
  /** Changes every pseudo-random choice. Default 20_250_101. */
  seed?: number;
}

export interface DatasetSummary {
  scale: number;
  seed: number;
  organisations: number;
  users: number;
  activeUsers: number;
  communities: Record<'open' | 'closed' | 'secret', number>;
  communityPartners: number;
  memberships: { active: number; requested: number; invited: number; facilitators: number };
  membersPerCommunity: { min: number; median: number; p90: number; max: number };
  invitations: number;
  durationMs: number;
  /** Milliseconds per SQL statement, to see what grows with --scale. */
  stepsMs: Record<string, number>;
}

/** Anything that runs a query: a pg.Client or a pg.PoolClient. */
type Queryable = Pick<pg.ClientBase, 'query'>;

const MUNICIPALITIES = [
  'Amersfoort', 'Zwolle', 'Leeuwarden', 'Deventer', 'Apeldoorn', 'Haarlem', 'Dordrecht', 'Zoetermeer',
  "'s-Hertogenbosch", 'Tilburg', 'Almere', 'Lelystad', 'Assen', 'Emmen', 'Venlo', 'Heerlen', 'Middelburg',
  'Gouda', 'Delft', 'Alkmaar', 'Súdwest-Fryslân', 'Westland', 'Hengelo', 'Roermond', 'Den Helder',
];
const PARTNERS = [
  'Omgevingsdienst Regio Utrecht', 'GGD Hollands Midden', 'Veiligheidsregio IJsselland', 'Belastingsamenwerking West-Brabant',
  'Werkbedrijf Rijk van Nijmegen', 'Waterschap Rivierenland', 'Stichting Wijkteams Noord', 'Regionaal Archief Zuid-Utrecht',
];
const FIRST_NAMES = [
  'Anne', 'Daan', 'Sanne', 'Lucas', 'Emma', 'Bram', 'Fleur', 'Jeroen', 'Mohammed', 'Fatima', 'Sven', 'Lotte', 'Ruben',
  'Noor', 'Thijs', 'Eva', 'Pieter', 'Marieke', 'Youssef', 'Ilse', 'Kees', 'Annelies', 'Wouter', 'Inge', 'Hatice', 'Jan',
  'Sophie', 'Tim', 'Esther', 'Bas', 'Femke', 'Willem', 'Mirjam', 'Koen', 'Özlem', 'Niels', 'Ingrid', 'Rachid', 'Joyce',
  'Gert-Jan', 'Chantal', 'Rik', 'Saskia', 'Erik', 'Renée', 'Stijn', 'Yvonne', 'Mehmet', 'Laura', 'Hans',
];
const LAST_NAMES = [
  'de Vries', 'Jansen', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos',
  'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'de Graaf',
  'van der Meer', 'van der Linden', 'Kok', 'Jacobs', 'de Haan', 'Vermeulen', 'van den Heuvel', 'van der Veen',
  'van den Broek', 'El Amrani', 'Yılmaz', 'Kaya', 'Bouzid', 'Hoekstra', 'Postma', 'Kuipers', "in 't Veld", 'Wijnands', 'Şahin',
];
const JOB_TITLES = [
  'Beleidsmedewerker', 'Senior beleidsadviseur', 'Adviseur sociaal domein', 'Teamleider', 'Projectleider', 'Jurist',
  'Communicatieadviseur', 'Data-analist', 'Wijkcoach', 'Consulent Wmo', 'Vergunningverlener', 'Toezichthouder',
  'Informatiebeheerder', 'Programmamanager', 'Inkoopadviseur', 'Klantmanager werk en inkomen', 'Controller', 'Griffiemedewerker',
];
/** Lower-case tags, as the application stores them. */
const TAGS = [
  'omgevingswet', 'sociaal-domein', 'jeugd', 'wmo', 'participatie', 'privacy', 'data', 'digitalisering', 'klimaat',
  'energie', 'wonen', 'veiligheid', 'financien', 'dienstverlening', 'inkoop', 'informatiebeheer', 'armoede',
  'werk-en-inkomen', 'handhaving', 'mobiliteit', 'schuldhulp', 'onderwijs', 'cultuur', 'integriteit',
];
/** [community topic, its main tag] */
const TOPICS: [string, string][] = [
  ['Omgevingswet in de praktijk', 'omgevingswet'], ['Schuldhulpverlening', 'schuldhulp'], ['Wijkgericht werken', 'sociaal-domein'],
  ['Energietransitie en warmtevisie', 'energie'], ['Jeugdzorg en inkoop', 'jeugd'], ['Participatiewet', 'werk-en-inkomen'],
  ['Digitale toegankelijkheid', 'digitalisering'], ['Privacy en AVG', 'privacy'], ['Datagedreven beleid', 'data'],
  ['Burgerparticipatie', 'participatie'], ['Wmo-consulenten', 'wmo'], ['Archief en informatiebeheer', 'informatiebeheer'],
  ['Inkoop en aanbesteden', 'inkoop'], ['Klimaatadaptatie', 'klimaat'], ['Woningbouwversnelling', 'wonen'],
  ['Armoedebeleid', 'armoede'], ['Vergunningverlening', 'omgevingswet'], ['Handhaving en toezicht', 'handhaving'],
  ['Integrale veiligheid', 'veiligheid'], ['Ondermijning', 'veiligheid'], ['Inburgering en statushouders', 'sociaal-domein'],
  ['Dienstverlening aan de balie', 'dienstverlening'], ['Begroting en control', 'financien'], ['Raadsvoorstellen schrijven', 'dienstverlening'],
  ['Common Ground', 'digitalisering'], ['Open data', 'data'], ['Fietsbeleid en mobiliteit', 'mobiliteit'],
  ['Circulaire economie', 'klimaat'], ['Leerplicht en thuiszitters', 'onderwijs'], ['Cultuur en erfgoed', 'cultuur'],
  ['Integriteit en ambtseed', 'integriteit'], ['Laaggeletterdheid', 'sociaal-domein'],
];
const QUALIFIERS = ['regio Noord', 'regio Oost', 'regio Zuid', 'regio West', 'intervisie', 'starters', 'leidinggevenden', 'kennisnetwerk'];
/** %s is the topic, lower-cased. Stored as Markdown. */
const PURPOSES = [
  'Wij delen ervaringen en goede voorbeelden over %s. Iedereen die er in het dagelijks werk mee bezig is, is welkom.',
  "Een plek om vragen over %s te stellen aan collega's van andere gemeenten.\n\n**Voor wie:** beleidsmedewerkers, adviseurs en uitvoerders.",
  'Samen leren over %s: we bespreken casussen, delen documenten en organiseren elk kwartaal een intervisiebijeenkomst.',
  'Kennisnetwerk over %s.\n\n- praktijkvoorbeelden\n- wet- en regelgeving\n- vragen uit de uitvoering',
  'Wat werkt wel en wat niet bij %s? Hier wisselen we dat uit, zonder vergaderstukken.',
];
const BIOS = [
  '', '', '',
  'Werkt sinds een paar jaar bij de gemeente en houdt van praktische oplossingen.',
  'Verbindt beleid en uitvoering; altijd op zoek naar wat inwoners echt verder helpt.',
  'Eerder werkzaam bij het Rijk, nu graag dichter bij de inwoners.',
];

/** Plain ASCII for e-mail addresses and slugs: "Özlem" → "ozlem", "in 't Veld" → "intveld". */
export const asciiFold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ı/g, 'i').replace(/ş/gi, 's').toLowerCase();
export const slugify = (text: string) => asciiFold(text).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

/** Counts for a scale: at least 4 organisations (partner choice needs room), 1 community. */
export function countsFor(scale: number) {
  const organisations = Math.max(4, Math.round(BASE_COUNTS.organisations * scale));
  return {
    organisations,
    users: Math.max(organisations * 5, Math.round(BASE_COUNTS.users * scale)),
    communities: Math.max(1, Math.round(BASE_COUNTS.communities * scale)),
  };
}

/**
 * Generates the dataset in one transaction and refreshes the planner statistics.
 * Organisation i has slug `bench-org-i` and id md5('bench-org-i')::uuid; users and communities
 * likewise (`bench-user-i`, `bench-community-i`), so runs are reproducible.
 */
export async function generateDataset(client: Queryable, options: DatasetOptions = {}): Promise<DatasetSummary> {
  const scale = options.scale ?? 1;
  if (!(scale > 0 && scale <= 100)) throw new Error(`--scale must be > 0 and ≤ 100 (got ${scale})`);
  const seed = Math.trunc(options.seed ?? 20_250_101);
  const started = performance.now();
  const counts = countsFor(scale);
  const N = counts.organisations;
  const passwordHash = await hashPassword(BENCH_PASSWORD);

  // A uniform number in [0, 1) from a text key: deterministic for (seed, key).
  const u = (key: string) => `((hashtextextended(${key}, ${seed}) & 2147483647)::float8 / 2147483648.0)`;
  const pick = (array: string, length: number, key: string) => `(${array})[1 + floor(${length} * ${u(key)})::int]`;
  const orgId = (indexExpr: string) => `md5('bench-org-' || (${indexExpr}))::uuid`;

  const q = (text: string, values: unknown[] = []) => client.query(text, values);
  const steps: Record<string, number> = {};
  const step = async (name: string, text: string, values: unknown[] = []) => {
    const t0 = performance.now();
    await q(text, values);
    steps[name] = Math.round(performance.now() - t0);
  };
  const existing = await q(`SELECT count(*)::int AS n FROM organisations WHERE slug LIKE 'bench-org-%'`);
  if ((existing.rows[0] as { n: number }).n > 0) throw new Error('This database already holds a bench dataset; the generator needs a fresh database.');

  await q('BEGIN');
  try {
    // The member shuffle sorts ~150,000 candidate pairs per unit of scale: keep that in memory.
    await q(`SET LOCAL work_mem = '128MB'`);
    // Organisations: every 4th is a partner (GGD, omgevingsdienst …), the rest municipalities.
    await step('organisations',
      `INSERT INTO organisations (id, slug, name, kind, email_domains, allow_self_signup, created_at)
       SELECT ${orgId('i')}, 'bench-org-' || i,
              CASE WHEN i % 4 = 0
                   THEN ($1::text[])[1 + (i / 4 - 1) % cardinality($1::text[])] || CASE WHEN (i / 4 - 1) / cardinality($1::text[]) > 0 THEN ' ' || ((i / 4 - 1) / cardinality($1::text[]) + 1) ELSE '' END
                   ELSE 'Gemeente ' || ($2::text[])[1 + (i - 1 - i / 4) % cardinality($2::text[])] || CASE WHEN (i - 1 - i / 4) / cardinality($2::text[]) > 0 THEN ' ' || ((i - 1 - i / 4) / cardinality($2::text[]) + 1) ELSE '' END
              END,
              CASE WHEN i % 4 = 0 THEN 'partner' ELSE 'municipality' END,
              CASE WHEN i % 3 = 0 THEN ARRAY['bench-org-' || i || '.test', 'mail.bench-org-' || i || '.test'] ELSE ARRAY['bench-org-' || i || '.test'] END,
              i % 4 <> 0 AND i % 2 = 1,
              now() - interval '900 days' + i * interval '1 hour'
       FROM generate_series(1, ${N}) i`,
      [PARTNERS, MUNICIPALITIES],
    );

    // Users: the first one of each organisation is its admin; the rest land on organisations with a
    // skew (large municipalities have many more people, partners fewer). ~2% admin, ~6% manager,
    // ~4% not active (pending or deactivated).
    await step('users',
      `INSERT INTO users (id, organisation_id, email, name, job_title, bio, expertise, locale, password_hash, role,
                          is_platform_admin, status, email_verified_at, created_at, updated_at)
       SELECT md5('bench-user-' || i)::uuid, ${orgId('o')},
              ($1::text[])[fi] || '.' || ($2::text[])[li] || '.' || i || '@bench-org-' || o || '.test',
              ($3::text[])[fi] || ' ' || ($4::text[])[li],
              ${pick('$5::text[]', JOB_TITLES.length, `'job:' || i`)},
              ${pick('$6::text[]', BIOS.length, `'bio:' || i`)},
              ARRAY(SELECT DISTINCT ${pick('$7::text[]', TAGS.length, `'exp:' || i || ':' || j`)} FROM generate_series(1, floor(4 * ${u(`'expn:' || i`)})::int) j),
              CASE WHEN ${u(`'loc:' || i`)} < 0.1 THEN 'en' ELSE 'nl' END,
              CASE WHEN status = 'pending' THEN NULL ELSE $8::text END,
              CASE WHEN i <= ${N} OR r_role < 0.02 THEN 'admin' WHEN r_role < 0.08 THEN 'manager' ELSE 'member' END,
              i = 1, status,
              CASE WHEN status = 'pending' THEN NULL ELSE created END,
              created, created
       FROM (
         SELECT i, fi, li, r_role,
                -- Partner organisations are smaller: half of the people drawn for one move to a municipality.
                CASE WHEN o0 % 4 = 0 AND ${u(`'partnerorg:' || i`)} < 0.5 THEN o0 - 1 ELSE o0 END AS o,
                CASE WHEN i <= ${N} THEN 'active' WHEN r_status < 0.02 THEN 'pending' WHEN r_status < 0.04 THEN 'deactivated' ELSE 'active' END AS status,
                now() - interval '800 days' * ${u(`'created:' || i`)} AS created
         FROM (
           SELECT i,
                  CASE WHEN i <= ${N} THEN i ELSE 1 + floor(${N} * power(${u(`'org:' || i`)}, 1.4))::int END AS o0,
                  1 + floor(cardinality($3::text[]) * ${u(`'first:' || i`)})::int AS fi,
                  1 + floor(cardinality($4::text[]) * ${u(`'last:' || i`)})::int AS li,
                  ${u(`'role:' || i`)} AS r_role,
                  ${u(`'status:' || i`)} AS r_status
           FROM generate_series(1, ${counts.users}) i
         ) raw
       ) s`,
      [
        FIRST_NAMES.map((n) => slugify(n).replace(/-/g, '')),
        LAST_NAMES.map((n) => slugify(n).replace(/-/g, '')),
        FIRST_NAMES,
        LAST_NAMES,
        JOB_TITLES,
        BIOS,
        TAGS,
        passwordHash,
      ],
    );

    await q('ANALYZE organisations, users');

    // Communities: 60% open, 30% closed, 10% secret; mostly owned by municipalities (skewed to
    // the large ones); 5–300 members with a long tail (most are small); 1–3 facilitators.
    await step('communityPlan',
      `CREATE TEMP TABLE bench_communities ON COMMIT DROP AS
       SELECT c, md5('bench-community-' || c)::uuid AS id,
              CASE WHEN o % 4 = 0 AND r_kind < 0.7 THEN o - 1 ELSE o END AS org,
              5 + floor(295 * power(r_size, 3))::int AS size,
              1 + floor(3 * r_fac)::int AS facilitators,
              CASE WHEN r_vis < 0.6 THEN 'open' WHEN r_vis < 0.9 THEN 'closed' ELSE 'secret' END AS visibility,
              1 + (c - 1) % ${TOPICS.length} AS topic,
              (c - 1) / ${TOPICS.length} AS round,
              now() - interval '700 days' * r_age AS created
       FROM (
         SELECT c,
                1 + floor(${N} * power(${u(`'corg:' || c`)}, 1.2))::int AS o,
                ${u(`'ckind:' || c`)} AS r_kind, ${u(`'csize:' || c`)} AS r_size, ${u(`'cfac:' || c`)} AS r_fac,
                ${u(`'cvis:' || c`)} AS r_vis, ${u(`'cage:' || c`)} AS r_age
         FROM generate_series(1, ${counts.communities}) c
       ) s`,
    );
    await step('communities',
      `INSERT INTO communities (id, slug, name, purpose, tags, visibility, organisation_id, created_at, updated_at)
       SELECT id,
              ($2::text[])[topic] || '-' || c,
              ($1::text[])[topic] || CASE WHEN round = 0 THEN ''
                ELSE ' – ' || ($4::text[])[1 + (round - 1) % cardinality($4::text[])]
                     || CASE WHEN (round - 1) / cardinality($4::text[]) > 0 THEN ' ' || ((round - 1) / cardinality($4::text[]) + 1) ELSE '' END END,
              format(${pick('$5::text[]', PURPOSES.length, `'purpose:' || c`)}, lower(($1::text[])[topic])),
              ARRAY(SELECT DISTINCT t FROM (
                SELECT ($3::text[])[topic] AS t
                UNION ALL
                SELECT ${pick('$6::text[]', TAGS.length, `'tag:' || c || ':' || j`)} FROM generate_series(1, floor(4 * ${u(`'tagn:' || c`)})::int) j
              ) tags),
              visibility, ${orgId('org')}, created, created
       FROM bench_communities`,
      [TOPICS.map(([name]) => name), TOPICS.map(([name]) => slugify(name)), TOPICS.map(([, tag]) => tag), QUALIFIERS, PURPOSES, TAGS],
    );

    // ~30% of communities span 1–3 partner organisations (distinct, never the owner).
    await q('ANALYZE bench_communities');
    await step('communityPartners',
      `INSERT INTO community_partners (community_id, organisation_id)
       SELECT id, ${orgId(`1 + (org - 1 + off + j - 1) % ${N}`)}
       FROM (SELECT id, org, 1 + floor((${N} - 3) * ${u(`'poff:' || c`)})::int AS off, 1 + floor(3 * ${u(`'pn:' || c`)})::int AS k
             FROM bench_communities WHERE ${u(`'partner:' || c`)} < 0.3) p,
            LATERAL generate_series(1, k) j`,
    );

    // Who may be drawn as a member: the owner's and partners' people; open communities also draw
    // from two more organisations (anyone may join an open community). A higher weight puts an
    // organisation's people later in the shuffle: most members come from the owner.
    await step('eligibleOrganisations',
      `CREATE TEMP TABLE bench_community_orgs ON COMMIT DROP AS
       SELECT c, organisation_id, min(weight) AS weight FROM (
         SELECT bc.c, ${orgId('bc.org')} AS organisation_id, 1 AS weight FROM bench_communities bc
         UNION ALL
         SELECT bc.c, p.organisation_id, 3 FROM bench_communities bc JOIN community_partners p ON p.community_id = bc.id
         UNION ALL
         SELECT bc.c, ${orgId(`1 + (bc.org - 1 + 1 + floor((${N} - 1) * ${u(`'xorg:' || bc.c || ':' || j`)})::int) % ${N}`)}, 6
         FROM bench_communities bc, generate_series(1, 2) j WHERE bc.visibility = 'open'
       ) o GROUP BY c, organisation_id`,
    );

    await q('ANALYZE bench_community_orgs, community_partners');

    // Members: a deterministic, weighted shuffle of the eligible active users, cut at the community
    // size. The first 1–3 are facilitators and the first 5 active; after those, closed communities
    // have pending requests, closed and secret (and a few open) ones pending invitations.
    await step('communityMembers',
      `INSERT INTO community_members (community_id, user_id, role, status, message, created_at, decided_at, decided_by)
       SELECT id, user_id,
              CASE WHEN rank <= facilitators THEN 'facilitator' ELSE 'member' END,
              status,
              CASE WHEN status = 'requested' THEN 'Ik werk zelf aan dit onderwerp en wil graag meelezen en meedoen.' ELSE '' END,
              joined,
              CASE WHEN status = 'active' AND rank > facilitators AND visibility <> 'open' THEN least(now(), joined + interval '2 days') END,
              CASE WHEN status = 'active' AND rank > facilitators AND visibility <> 'open' THEN founder END
       FROM (
         SELECT *,
                CASE WHEN rank <= greatest(facilitators, 5) THEN 'active'
                     WHEN visibility = 'closed' AND r < 0.06 THEN 'requested'
                     WHEN visibility <> 'open' AND r < 0.10 THEN 'invited'
                     WHEN visibility = 'open' AND r < 0.02 THEN 'invited'
                     ELSE 'active' END AS status,
                CASE WHEN rank <= facilitators THEN created + rank * interval '1 minute'
                     ELSE created + (now() - created) * r_joined END AS joined,
                first_value(user_id) OVER (PARTITION BY c ORDER BY rank) AS founder
         FROM (
           SELECT *, ${u(`'mstat:' || c || ':' || user_id::text`)} AS r, ${u(`'mjoin:' || c || ':' || user_id::text`)} AS r_joined
           FROM (
             SELECT bc.c, bc.id, bc.size, bc.facilitators, bc.visibility, bc.created, usr.id AS user_id,
                    row_number() OVER (PARTITION BY bc.c ORDER BY bo.weight * ${u(`'rank:' || bc.c || ':' || usr.id::text`)}, usr.id) AS rank
             FROM bench_communities bc
             JOIN bench_community_orgs bo ON bo.c = bc.c
             JOIN users usr ON usr.organisation_id = bo.organisation_id AND usr.status = 'active'
           ) ranked
           WHERE rank <= size
         ) chosen
       ) m`,
    );
    await step('communityCreators',
      `UPDATE communities c SET created_by = f.user_id
       FROM (SELECT DISTINCT ON (community_id) community_id, user_id FROM community_members
             WHERE role = 'facilitator' ORDER BY community_id, created_at, user_id) f
       WHERE f.community_id = c.id`,
    );

    // Organisation invitations to people without an account yet: 0–4 pending per organisation.
    await step('invitations',
      `INSERT INTO invitations (id, organisation_id, email, role, invited_by, token_hash, locale, created_at, expires_at)
       SELECT md5('bench-invitation-' || i || ':' || j)::uuid, ${orgId('i')},
              'nieuw.' || i || '.' || j || '@bench-org-' || i || '.test',
              CASE WHEN j = 1 AND i % 5 = 0 THEN 'manager' ELSE 'member' END,
              md5('bench-user-' || i)::uuid,
              sha256(convert_to('bench-invitation-' || ${seed} || ':' || i || ':' || j, 'UTF8')),
              'nl', now() - interval '1 day', now() + interval '6 days'
       FROM generate_series(1, ${N}) i, LATERAL generate_series(1, floor(5 * ${u(`'inv:' || i`)})::int) j`,
    );
    await q('COMMIT');
  } catch (error) {
    await q('ROLLBACK').catch(() => undefined);
    throw error;
  }
  // Production tables are vacuumed and analysed; plans on an unanalysed table would mislead.
  await step('vacuumAnalyze', 'VACUUM (ANALYZE) organisations, users, communities, community_partners, community_members, invitations');

  const summary = (await q(
    `SELECT
       (SELECT count(*)::int FROM organisations) AS organisations,
       (SELECT count(*)::int FROM users) AS users,
       (SELECT count(*)::int FROM users WHERE status = 'active') AS active_users,
       (SELECT count(*)::int FROM communities WHERE visibility = 'open') AS open,
       (SELECT count(*)::int FROM communities WHERE visibility = 'closed') AS closed,
       (SELECT count(*)::int FROM communities WHERE visibility = 'secret') AS secret,
       (SELECT count(*)::int FROM community_partners) AS partners,
       (SELECT count(*)::int FROM community_members WHERE status = 'active') AS active,
       (SELECT count(*)::int FROM community_members WHERE status = 'requested') AS requested,
       (SELECT count(*)::int FROM community_members WHERE status = 'invited') AS invited,
       (SELECT count(*)::int FROM community_members WHERE role = 'facilitator') AS facilitators,
       (SELECT count(*)::int FROM invitations) AS invitations`,
  )).rows[0] as Record<string, number>;
  const sizes = (await q(
    `SELECT min(n)::int AS min, percentile_disc(0.5) WITHIN GROUP (ORDER BY n)::int AS median,
            percentile_disc(0.9) WITHIN GROUP (ORDER BY n)::int AS p90, max(n)::int AS max
     FROM (SELECT count(*) AS n FROM community_members WHERE status = 'active' GROUP BY community_id) s`,
  )).rows[0] as DatasetSummary['membersPerCommunity'];

  return {
    scale,
    seed,
    organisations: summary.organisations ?? 0,
    users: summary.users ?? 0,
    activeUsers: summary.active_users ?? 0,
    communities: { open: summary.open ?? 0, closed: summary.closed ?? 0, secret: summary.secret ?? 0 },
    communityPartners: summary.partners ?? 0,
    memberships: { active: summary.active ?? 0, requested: summary.requested ?? 0, invited: summary.invited ?? 0, facilitators: summary.facilitators ?? 0 },
    membersPerCommunity: sizes,
    invitations: summary.invitations ?? 0,
    durationMs: Math.round(performance.now() - started),
    stepsMs: steps,
  };
}

export interface BenchSubject {
  community: { id: string; slug: string; name: string; visibility: string; activeMembers: number };
  user: { id: string; email: string; name: string };
}

/**
 * The community the page scenarios read, and the user who reads it: by default the open
 * community with the most active members (a busy, realistic worst case), read by an ordinary
 * active member from the owning organisation (Dutch locale).
 */
export async function chooseBenchSubject(client: Queryable, communitySlug?: string): Promise<BenchSubject> {
  const community = (await client.query(
    `SELECT c.id, c.slug, c.name, c.visibility, count(m.user_id)::int AS active_members
     FROM communities c JOIN community_members m ON m.community_id = c.id AND m.status = 'active'
     WHERE ($1::text IS NULL AND c.visibility = 'open') OR c.slug = $1
     GROUP BY c.id ORDER BY active_members DESC, c.slug LIMIT 1`,
    [communitySlug ?? null],
  )).rows[0] as { id: string; slug: string; name: string; visibility: string; active_members: number } | undefined;
  if (!community) throw new Error(communitySlug ? `No community with slug ${communitySlug} (or it has no active members)` : 'The dataset has no open community with members');
  const user = (await client.query(
    `SELECT u.id, u.email::text AS email, u.name
     FROM community_members m JOIN users u ON u.id = m.user_id JOIN communities c ON c.id = m.community_id
     WHERE m.community_id = $1 AND m.status = 'active' AND u.status = 'active'
     ORDER BY (m.role = 'member') DESC, (u.organisation_id = c.organisation_id) DESC, (u.locale = 'nl') DESC, (u.role = 'member') DESC, u.id
     LIMIT 1`,
    [community.id],
  )).rows[0] as BenchSubject['user'] | undefined;
  if (!user) throw new Error(`Community ${community.slug} has no active member who can log in`);
  return {
    community: { id: community.id, slug: community.slug, name: community.name, visibility: community.visibility, activeMembers: community.active_members },
    user,
  };
}

// Standalone use: fill an existing, migrated, empty database.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, seed: { type: 'string' } }, strict: true });
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.error('Set BENCH_DATABASE_URL to a migrated, empty database (npm run bench does all of this for you).');
    process.exit(2);
  }
  const { default: pgModule } = await import('pg');
  const client = new pgModule.Client({ connectionString: url });
  await client.connect();
  try {
    const summary = await generateDataset(client, { scale: Number(values.scale), seed: values.seed === undefined ? undefined : Number(values.seed) });
    console.log(JSON.stringify(summary, null, 2));
  } finally {
    await client.end();
  }
}
