/**
 * Synthetic benchmark dataset, written straight into the database with set-based SQL
 * (INSERT … SELECT … FROM generate_series), never row by row.
 *
 * Everything is derived from a deterministic hash of (seed, key), so the same scale and seed give
 * the same organisations, users, communities and memberships on every run. It expects an empty,
 * migrated database (bench/run.ts creates a fresh one).
 *
 * Standalone: BENCH_DATABASE_URL=postgres://…/leerkring_bench node --import tsx bench/dataset.ts [--scale N] [--content N]
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { hashPassword } from '../src/platform/auth/passwords.ts';

/** Every bench user has this password, so a person can log in and look around. */
export const BENCH_PASSWORD = 'bench-wachtwoord-leerkring';

/** Counts at --scale 1; --scale multiplies each of them. */
export const BASE_COUNTS = { organisations: 20, users: 5_000, communities: 200, questions: 200_000 } as const;

export interface DatasetOptions {
  /** Multiplies every count (organisations, users, communities). Default 1. */
  scale?: number;
  /** Changes every pseudo-random choice. Default 20_250_101. */
  seed?: number;
  /**
   * Multiplies the questions (and with them answers, comments …) on top of `scale`. Default 1:
   * 200,000 questions and ~1,050,000 answers per unit of scale; 0 generates none.
   */
  content?: number;
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
  questions: { total: number; live: number; unanswered: number; withAcceptedAnswer: number; pseudonymous: number };
  answers: { total: number; live: number; perQuestion: { median: number; p90: number; max: number } };
  comments: number;
  answerHelped: number;
  questionFollows: number;
  revisions: number;
  search: {
    documents: number;
    /** Rows of search_words: distinct title words per community. */
    titleWords: number;
    /** Words the search scenarios look for, with the number and share of documents they match. */
    common: { word: string; documents: number; share: number };
    rare: { word: string; documents: number; share: number };
  };
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

// ---------------------------------------------------------------------------------------------
// Questions and answers: word lists. Sentences are format() templates: %1$s is the subject of the
// question, %2$s the group of inhabitants it is about.

/**
 * The word the `search-common` scenarios look for: it occurs (stemmed: gemeente, gemeenten) only in
 * COMMON_SENTENCES, which ~20% of all posts carry, so it matches about a fifth of everything.
 * No other word list may hold a word with the same stem (gemeentelijk stems to it too).
 */
export const COMMON_WORD = 'gemeente';
/** The word the `search-rare` scenario looks for: only in RARE_SENTENCE, carried by ~0.01% of posts. */
export const RARE_WORD = 'mantelzorgcompliment';
const COMMON_SHARE = 0.2;
const RARE_SHARE = 0.0001;
const COMMON_SENTENCES = [
  'In onze gemeente regelen we dit via het wijkteam.',
  'Onze gemeente heeft hier sinds vorig jaar een aparte werkwijze voor.',
  'Elke gemeente doet dit net iets anders, dus vraag het ook na bij de buren.',
  'De gemeente blijft verantwoordelijk, ook als je dit uitbesteedt.',
  'Wij zijn een kleine gemeente, dus het moet vooral eenvoudig blijven.',
];
const RARE_SENTENCE = 'Denk ook aan het mantelzorgcompliment, dat vergeten we vaak.';

/** [subject, its tag]: questions in a community mostly pick subjects of the community's tags. */
const SUBJECTS: [string, string][] = [
  ['het keukentafelgesprek', 'wmo'], ['een Wmo-aanvraag', 'wmo'], ['de eigen bijdrage voor de Wmo', 'wmo'], ['huishoudelijke hulp', 'wmo'],
  ['een maatwerkvoorziening', 'wmo'], ['een woningaanpassing', 'wmo'], ['mantelzorgondersteuning', 'wmo'], ['respijtzorg', 'wmo'],
  ['onafhankelijke cliëntondersteuning', 'wmo'],
  ['de jeugdhulp', 'jeugd'], ['een verwijzing naar jeugdhulp', 'jeugd'], ['de wachtlijst in de jeugd-ggz', 'jeugd'], ['pleegzorg', 'jeugd'],
  ['de overgang van 18-min naar 18-plus', 'jeugd'],
  ['schuldhulpverlening', 'schuldhulp'], ['een schuldregeling', 'schuldhulp'], ['beschermingsbewind', 'schuldhulp'],
  ['vroegsignalering van betalingsachterstanden', 'schuldhulp'], ['een saneringskrediet', 'schuldhulp'],
  ['de participatiewet', 'werk-en-inkomen'], ['de bijstandsuitkering', 'werk-en-inkomen'], ['loonkostensubsidie', 'werk-en-inkomen'],
  ['beschut werk', 'werk-en-inkomen'], ['de tegenprestatie', 'werk-en-inkomen'],
  ['de armoederegeling', 'armoede'], ['bijzondere bijstand', 'armoede'], ['de individuele inkomenstoeslag', 'armoede'],
  ['kwijtschelding van lokale belastingen', 'armoede'],
  ['het wijkteam', 'sociaal-domein'], ['de inburgering', 'sociaal-domein'], ['de huisvesting van statushouders', 'sociaal-domein'],
  ['laaggeletterdheid', 'sociaal-domein'],
  ['het omgevingsplan', 'omgevingswet'], ['een omgevingsvergunning', 'omgevingswet'], ['vergunningvrij bouwen', 'omgevingswet'],
  ['participatie bij een omgevingsvergunning', 'omgevingswet'],
  ['de AVG', 'privacy'], ['een datalek', 'privacy'], ['een verwerkersovereenkomst', 'privacy'], ['een DPIA', 'privacy'],
  ['de Archiefwet', 'informatiebeheer'], ['een Woo-verzoek', 'informatiebeheer'], ['de bewaartermijnen', 'informatiebeheer'],
  ['een aanbesteding', 'inkoop'], ['het inkoopkader', 'inkoop'], ['resultaatgerichte bekostiging', 'inkoop'],
  ['de warmtevisie', 'energie'], ['energiearmoede', 'energie'], ['het energieloket', 'energie'],
  ['klimaatadaptatie', 'klimaat'], ['de hittekaart', 'klimaat'], ['het vergroenen van schoolpleinen', 'klimaat'],
  ['woningtoewijzing', 'wonen'], ['de huisvestingsverordening', 'wonen'], ['tijdelijke woningen', 'wonen'],
  ['de klachtenprocedure', 'dienstverlening'], ['een bezwaarschrift', 'dienstverlening'], ['begrijpelijke brieven', 'dienstverlening'],
  ['digitale toegankelijkheid', 'digitalisering'], ['DigiD-machtigingen', 'digitalisering'], ['het zaaksysteem', 'digitalisering'],
  ['een datadashboard', 'data'], ['open data', 'data'], ['de monitor sociaal domein', 'data'],
  ['ondermijning', 'veiligheid'], ['de Wet Bibob', 'veiligheid'], ['huiselijk geweld', 'veiligheid'],
  ['de handhavingsstrategie', 'handhaving'], ['een last onder dwangsom', 'handhaving'],
  ['de leerplicht', 'onderwijs'], ['thuiszitters', 'onderwijs'], ['voorschoolse educatie', 'onderwijs'],
  ['het burgerpanel', 'participatie'], ['een wijkbudget', 'participatie'], ['het uitdaagrecht', 'participatie'],
  ['het parkeerbeleid', 'mobiliteit'], ['de fietsstraat', 'mobiliteit'],
  ['de begroting', 'financien'], ['de tussenrapportage', 'financien'],
  ['de cultuursubsidie', 'cultuur'], ['het erfgoedbeleid', 'cultuur'],
  ['nevenfuncties', 'integriteit'], ['een integriteitsmelding', 'integriteit'],
];
const GROUPS = [
  'jongeren', 'ouderen', 'statushouders', 'mantelzorgers', "zzp'ers", 'alleenstaande ouders', 'mensen met een beperking',
  'gezinnen met schulden', 'laaggeletterde inwoners', 'werkzoekenden', 'ondernemers', 'nieuwkomers', 'kwetsbare ouderen',
  'jongvolwassenen', 'huurders', 'dak- en thuislozen',
];
const WHAT_TITLES = [
  'Wat zijn jullie ervaringen met %1$s voor %2$s?', 'Wat is een redelijke termijn voor %1$s?', 'Welke regels gelden er voor %1$s bij %2$s?',
  'Wat kost %1$s jullie per jaar?', 'Wie is bij jullie verantwoordelijk voor %1$s?', 'Welke voorbeelden zijn er van %1$s voor %2$s?',
  'Wat staat er in jullie beleidsregels over %1$s?', 'Wat betekent de nieuwe wetgeving voor %1$s?', 'Welke cijfers houden jullie bij over %1$s?',
];
const HOW_TITLES = [
  'Hoe organiseren jullie %1$s voor %2$s?', 'Hoe voorkomen jullie wachttijden bij %1$s?', 'Hoe leggen jullie %1$s uit aan %2$s?',
  'Hoe betrekken jullie %2$s bij %1$s?', 'Hoe pakken jullie %1$s aan zonder extra formatie?', 'Hoe richten jullie het proces rond %1$s in?',
  'Hoe meten jullie het effect van %1$s?', 'Hoe bereiken jullie %2$s met %1$s?', 'Hoe werken jullie samen met ketenpartners bij %1$s?',
];
const QUESTION_OPENINGS = [
  'Wij krijgen steeds vaker vragen over %1$s van %2$s.', 'Bij ons loopt de doorlooptijd van %1$s op tot ruim acht weken.',
  'Sinds januari zijn wij verantwoordelijk voor %1$s en we zoeken nog naar een goede aanpak.',
  'Ons team wil %1$s anders inrichten, vooral voor %2$s.', 'Na een klacht van een inwoner kijken we opnieuw naar %1$s.',
  'De raad heeft gevraagd hoe het staat met %1$s.',
];
const QUESTION_DETAILS = [
  'Onze consulenten twijfelen hoe ze de beleidsregels moeten toepassen.', 'We willen voorkomen dat %2$s tussen wal en schip vallen.',
  'De wethouder wil voor de zomer een voorstel zien.', 'Vooral de afstemming met het wijkteam kost veel tijd.',
  'Het gaat om ongeveer veertig dossiers per maand.', 'We werken nu met een Excel-lijst, maar dat is foutgevoelig.',
  'Onze jurist vraagt zich af of dit past binnen de verordening.', 'Het budget voor %1$s is dit jaar al bijna op.',
  'Er is weinig bekend over wat %2$s zelf nodig hebben.', 'De cliëntenraad heeft hier kritische vragen over gesteld.',
];
const QUESTION_CLOSINGS = [
  'Is er iemand die een goed werkende werkwijze wil delen?', 'Ik ben benieuwd hoe andere teams dit hebben opgelost.',
  'Graag hoor ik ook welke valkuilen jullie tegenkwamen.', 'Zijn er voorbeelden van formulieren of brieven in begrijpelijke taal?',
  'Alle tips zijn welkom, ook als het nog niet af is.',
];
const ANSWER_SENTENCES = [
  'Wij hebben goede ervaringen met een vast aanspreekpunt voor %2$s.', 'Bij ons duurt %1$s gemiddeld vier weken, inclusief het huisbezoek.',
  'Kijk ook eens naar de handreiking van de VNG over dit onderwerp.', 'Wat bij ons hielp: eerst een kort telefonisch gesprek, daarna pas het formulier.',
  'We hebben de beleidsregels vorig jaar aangepast; ik kan ze je mailen.', 'Let op de privacy: deel alleen wat nodig is met de ketenpartners.',
  'Ons team werkt met een checklist die het gesprek structureert.', 'Het heeft ons een half jaar gekost, maar de wachtlijst is nu weg.',
  'Betrek de cliëntenraad er vroeg bij, dat scheelt later veel discussie.', 'Wij combineren %1$s met de aanpak van vroegsignalering.',
  'Een proef van drie maanden gaf ons genoeg informatie om te besluiten.', 'De consulenten krijgen twee keer per jaar intervisie over lastige casussen.',
  '**Tip:** leg de afspraken vast in het dossier, dan kan een collega het overnemen.', 'Voor %2$s hebben we een aparte folder laten maken.',
  'Wij vragen bij %1$s altijd eerst wat iemand zelf al heeft geprobeerd.', 'Het scheelt veel als de regisseur ook de terugkoppeling doet.',
];
/** A Markdown list some answers end with. */
const ANSWER_LISTS = [
  '- maak een stappenplan\n- wijs één eigenaar aan\n- evalueer na een kwartaal',
  '- bel binnen vijf werkdagen\n- bevestig de afspraken per brief\n- plan direct een vervolggesprek',
  '- begin klein, met één wijk\n- meet vanaf de eerste dag\n- deel de resultaten met de raad',
];
const COMMENT_TEXTS = [
  'Dank je, dit helpt!', 'Goede vraag, wij worstelen er ook mee.', 'Kun je de beleidsregels delen?', 'Bij ons precies hetzelfde.',
  'Welke termijn hanteren jullie dan?', 'Ik stuur je een bericht met de details.', 'Interessant, dat ga ik intern bespreken.',
  'Hoeveel formatie zetten jullie hier op?', 'Zou je dit op de volgende intervisie willen toelichten?',
];

/** Plain ASCII for e-mail addresses and slugs: "Özlem" → "ozlem", "in 't Veld" → "intveld". */
export const asciiFold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ı/g, 'i').replace(/ş/gi, 's').toLowerCase();
export const slugify = (text: string) => asciiFold(text).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

/** Counts for a scale: at least 4 organisations (partner choice needs room), 1 community. */
export function countsFor(scale: number, content = 1) {
  const organisations = Math.max(4, Math.round(BASE_COUNTS.organisations * scale));
  return {
    organisations,
    users: Math.max(organisations * 5, Math.round(BASE_COUNTS.users * scale)),
    communities: Math.max(1, Math.round(BASE_COUNTS.communities * scale)),
    questions: Math.round(BASE_COUNTS.questions * scale * content),
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
  const content = options.content ?? 1;
  if (!(content >= 0 && content <= 10)) throw new Error(`content must be from 0 to 10 (got ${content})`);
  const started = performance.now();
  const counts = countsFor(scale, content);
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
  if (counts.questions > 0) await generateContent({ client, seed, questions: counts.questions, step, steps });
  // Production tables are vacuumed and analysed; plans on an unanalysed table would mislead.
  await step('vacuumAnalyze',
    `VACUUM (ANALYZE) organisations, users, communities, community_partners, community_members, invitations,
       questions, answers, comments, revisions, answer_helped, question_follows, search_documents, search_words`);

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
  const qa = (await q(
    `SELECT
       (SELECT count(*)::int FROM questions) AS questions,
       (SELECT count(*)::int FROM questions WHERE deleted_at IS NULL AND hidden_at IS NULL) AS live_questions,
       (SELECT count(*)::int FROM questions WHERE deleted_at IS NULL AND hidden_at IS NULL AND answer_count = 0) AS unanswered,
       (SELECT count(*)::int FROM questions WHERE accepted_answer_id IS NOT NULL) AS accepted,
       (SELECT count(*)::int FROM questions WHERE is_pseudonymous) AS pseudonymous,
       (SELECT count(*)::int FROM answers) AS answers,
       (SELECT count(*)::int FROM answers WHERE deleted_at IS NULL AND hidden_at IS NULL) AS live_answers,
       (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY answer_count)::int FROM questions) AS answers_median,
       (SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY answer_count)::int FROM questions) AS answers_p90,
       (SELECT coalesce(max(answer_count), 0)::int FROM questions) AS answers_max,
       (SELECT count(*)::int FROM comments) AS comments,
       (SELECT count(*)::int FROM answer_helped) AS helped,
       (SELECT count(*)::int FROM revisions) AS revisions,
       (SELECT count(*)::int FROM question_follows) AS follows,
       (SELECT count(*)::int FROM search_documents) AS documents,
       (SELECT count(*)::int FROM search_words) AS title_words,
       (SELECT count(*)::int FROM search_documents WHERE search @@ plainto_tsquery('leerkring_nl', $1)) AS common,
       (SELECT count(*)::int FROM search_documents WHERE search @@ plainto_tsquery('leerkring_nl', $2)) AS rare`,
    [COMMON_WORD, RARE_WORD],
  )).rows[0] as Record<string, number>;
  const share = (n: number | undefined) => (qa.documents ? Math.round(((n ?? 0) / qa.documents) * 1e6) / 1e6 : 0);

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
    questions: {
      total: qa.questions ?? 0,
      live: qa.live_questions ?? 0,
      unanswered: qa.unanswered ?? 0,
      withAcceptedAnswer: qa.accepted ?? 0,
      pseudonymous: qa.pseudonymous ?? 0,
    },
    answers: { total: qa.answers ?? 0, live: qa.live_answers ?? 0, perQuestion: { median: qa.answers_median ?? 0, p90: qa.answers_p90 ?? 0, max: qa.answers_max ?? 0 } },
    comments: qa.comments ?? 0,
    answerHelped: qa.helped ?? 0,
    questionFollows: qa.follows ?? 0,
    revisions: qa.revisions ?? 0,
    search: {
      documents: qa.documents ?? 0,
      titleWords: qa.title_words ?? 0,
      common: { word: COMMON_WORD, documents: qa.common ?? 0, share: share(qa.common) },
      rare: { word: RARE_WORD, documents: qa.rare ?? 0, share: share(qa.rare) },
    },
    durationMs: Math.round(performance.now() - started),
    stepsMs: steps,
  };
}

interface ContentContext {
  client: Queryable;
  seed: number;
  questions: number;
  step: (name: string, text: string, values?: unknown[]) => Promise<void>;
  /** Milliseconds per step, filled by `step`. */
  steps: Record<string, number>;
}

/** The tables generateContent fills; their secondary indexes are rebuilt after the load. */
const CONTENT_TABLES = ['questions', 'answers', 'comments', 'revisions', 'answer_helped', 'question_follows', 'search_documents', 'search_words'];

/**
 * Plain text of a generated post as markdownToText (src/platform/markdown.ts) gives it: no bold,
 * no list marks, single newlines. Enough for the generator's own Markdown (paragraphs, **bold**,
 * `- ` lists); a scratch comparison over thousands of posts found no difference.
 */
const plainTextSql = (body: string) => `regexp_replace(replace(replace(${body}, '**', ''), E'\\n- ', E'\\n'), E'\\n{2,}', E'\\n', 'g')`;

/**
 * The tsvector the application stores (indexDocument in src/search/search.index.ts): title and
 * tags weigh A, the body's plain text B.
 */
const searchHeadSql = (title: string, tags: string) =>
  `setweight(to_tsvector('leerkring_nl', ${title}), 'A') || setweight(to_tsvector('leerkring_nl', array_to_string(${tags}, ' ')), 'A')`;
const searchBodySql = (plain: string) => `setweight(to_tsvector('leerkring_nl', ${plain}), 'B')`;
const searchVectorSql = (title: string, tags: string, plain: string) => `${searchHeadSql(title, tags)} || ${searchBodySql(plain)}`;

/**
 * Title words for "did you mean" (titleWords in src/search/search.index.ts): accents folded
 * (NFD, marks dropped), lower case, runs of 4–40 letters, each once per title.
 */
const titleWordsSql = (title: string) =>
  `regexp_matches(lower(regexp_replace(normalize(${title}, NFD), '[\\u0300-\\u036f]', '', 'g')), '[[:alpha:]]{4,40}', 'g')`;

/**
 * Questions, answers, comments, "this helped", first revisions, the search index and its title
 * words, in one transaction. The counters (questions.answer_count and helped_count,
 * answers.helped_count) are computed from the same plan the rows are inserted from, so they equal
 * the rows. Only live items (not deleted, not hidden) are counted and indexed.
 */
async function generateContent({ client, seed, questions, step, steps }: ContentContext): Promise<void> {
  const u = (key: string) => `((hashtextextended(${key}, ${seed}) & 2147483647)::float8 / 2147483648.0)`;
  const q = (text: string, values: unknown[] = []) => client.query(text, values);
  const subjects = SUBJECTS.map(([s]) => s);
  const subjectTags = SUBJECTS.map(([, t]) => t);
  // Sentences of a post, one format() template per slot: $1 subjects, $2 groups.
  const fill = (array: string, length: number, key: string) => `format((${array})[1 + floor(${length} * ${u(key)})::int], ($1::text[])[subj], ($2::text[])[grp])`;
  /** `count` distinct consecutive entries of a template array, from a pseudo-random start. */
  const run = (array: string, length: number, start: string, count: string) =>
    `array_to_string(ARRAY(SELECT format((${array})[1 + (floor(${length} * ${u(start)})::int + k) % ${length}], ($1::text[])[subj], ($2::text[])[grp]) FROM generate_series(0, ${count} - 1) k), ' ')`;
  const extras = (key: string) =>
    `CASE WHEN ${u(`'common:' || ${key}`)} < ${COMMON_SHARE} THEN ' ' || ($3::text[])[1 + floor(${COMMON_SENTENCES.length} * ${u(`'commons:' || ${key}`)})::int] ELSE '' END
     || CASE WHEN ${u(`'rare:' || ${key}`)} < ${RARE_SHARE} THEN ' ' || $4::text ELSE '' END`;
  const words = [subjects, GROUPS, COMMON_SENTENCES, RARE_SENTENCE];

  await q('BEGIN');
  try {
    await q(`SET LOCAL work_mem = '256MB'`);
    await q(`SET LOCAL maintenance_work_mem = '512MB'`);
    // Bulk load: the secondary indexes of the (empty) content tables are dropped here and built
    // again from their own definitions at the end, which is several times faster than
    // maintaining them row by row (GIN above all). Indexes that back a constraint stay.
    const indexes = (await q(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       WHERE i.indrelid = ANY ($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
       ORDER BY 1`,
      [CONTENT_TABLES],
    )).rows as { name: string; definition: string }[];
    await step('dropIndexes', `DROP INDEX ${indexes.map((i) => i.name).join(', ')}`);
    // Foreign keys are checked by a trigger per row; the plan guarantees them, so a superuser
    // skips the checks (a savepoint keeps the transaction usable for anyone else).
    await q('SAVEPOINT replica');
    const skipsForeignKeys = await q(`SET LOCAL session_replication_role = replica`).then(
      () => true,
      () => false,
    );
    await q(skipsForeignKeys ? 'RELEASE SAVEPOINT replica' : 'ROLLBACK TO SAVEPOINT replica');
    // Some communities let members ask without showing their name.
    await step('pseudonymousCommunities', `UPDATE communities SET allow_pseudonymous_questions = true WHERE ${u(`'pseudo:' || id::text`)} < 0.3`);

    // Per community: its active members (who ask, answer, comment and find answers helpful), the
    // subjects that fit its tags, and its share of the questions (busier communities ask more).
    // Cumulative rounding gives exactly `questions` in total.
    await step('contentCommunities',
      `CREATE TEMP TABLE bench_qa_communities ON COMMIT DROP AS
       SELECT community_id, created_at, members, n_members, facilitator, allow_pseudonymous_questions, subjects,
              (round(${questions} * cum / total) - round(${questions} * (cum - weight) / total))::int AS questions,
              round(${questions} * (cum - weight) / total)::int AS q_offset
       FROM (
         SELECT *, sum(weight) OVER (ORDER BY community_id) AS cum, sum(weight) OVER () AS total
         FROM (
           SELECT c.id AS community_id, c.created_at, c.allow_pseudonymous_questions, m.members, cardinality(m.members) AS n_members, m.facilitator,
                  ARRAY(SELECT s FROM generate_series(1, cardinality($1::text[])) s WHERE ($1::text[])[s] = ANY (c.tags)) AS subjects,
                  power(cardinality(m.members), 0.8) * (0.3 + 1.4 * ${u(`'qweight:' || c.id::text`)}) AS weight
           FROM communities c
           JOIN (SELECT cm.community_id, array_agg(cm.user_id ORDER BY cm.user_id) AS members,
                        (array_agg(cm.user_id ORDER BY cm.user_id) FILTER (WHERE cm.role = 'facilitator'))[1] AS facilitator
                 FROM community_members cm JOIN users usr ON usr.id = cm.user_id AND usr.status = 'active'
                 WHERE cm.status = 'active' GROUP BY cm.community_id) m ON m.community_id = c.id
           WHERE cardinality(m.members) >= 3
         ) w
       ) s`,
      [subjectTags],
    );

    // The plan of every question. Numbers only, plus the text that several tables share.
    // ~0.6% are deleted or hidden (no answers, not indexed); ~12% of the live ones unanswered; the
    // rest 1–60 answers (geometric, mean ~5.6); 40% of the answered ones accept one.
    await step('questionPlan',
      `CREATE TEMP TABLE bench_q ON COMMIT DROP AS
       SELECT p.*,
              format(CASE WHEN kind = 'how' THEN ($3::text[])[1 + floor(${HOW_TITLES.length} * ${u(`'qtitle:' || q`)})::int]
                          ELSE ($4::text[])[1 + floor(${WHAT_TITLES.length} * ${u(`'qtitle:' || q`)})::int] END,
                     ($1::text[])[subj], ($2::text[])[grp]) AS title,
              ARRAY(SELECT DISTINCT t FROM unnest(ARRAY[($5::text[])[subj],
                      CASE WHEN ${u(`'qtag2:' || q`)} < 0.5 THEN ($6::text[])[1 + floor(${TAGS.length} * ${u(`'qtag3:' || q`)})::int] END]) t
                    WHERE t IS NOT NULL) AS tags,
              CASE WHEN state = 'live' AND ${u(`'qans:' || q`)} >= 0.12 THEN least(60, 1 + floor(-ln(1 - ${u(`'qans2:' || q`)}) * 5.6)::int) ELSE 0 END AS n_answers
       FROM (
         SELECT qc.q_offset + k AS q, md5('bench-question-' || (qc.q_offset + k))::uuid AS id,
                qc.community_id, qc.n_members, qc.facilitator,
                qc.members[1 + floor(qc.n_members * ${u(`'qauthor:' || (qc.q_offset + k)`)})::int] AS author,
                CASE WHEN ${u(`'qkind:' || (qc.q_offset + k)`)} < 0.6 THEN 'how' ELSE 'what' END AS kind,
                CASE WHEN cardinality(qc.subjects) > 0 AND ${u(`'qsubj:' || (qc.q_offset + k)`)} < 0.75
                     THEN qc.subjects[1 + floor(cardinality(qc.subjects) * ${u(`'qsubj2:' || (qc.q_offset + k)`)})::int]
                     ELSE 1 + floor(${SUBJECTS.length} * ${u(`'qsubj3:' || (qc.q_offset + k)`)})::int END AS subj,
                1 + floor(${GROUPS.length} * ${u(`'qgroup:' || (qc.q_offset + k)`)})::int AS grp,
                qc.created_at + (now() - qc.created_at) * sqrt(${u(`'qcreated:' || (qc.q_offset + k)`)}) AS created,
                CASE WHEN ${u(`'qstate:' || (qc.q_offset + k)`)} < 0.004 THEN 'deleted' WHEN ${u(`'qstate:' || (qc.q_offset + k)`)} < 0.006 THEN 'hidden' ELSE 'live' END AS state,
                qc.allow_pseudonymous_questions AND ${u(`'qpseudo:' || (qc.q_offset + k)`)} < 0.15 AS pseudonymous
         FROM bench_qa_communities qc, generate_series(1, qc.questions) k
       ) p`,
      [subjects, GROUPS, HOW_TITLES, WHAT_TITLES, subjectTags, TAGS],
    );
    await q('CREATE INDEX ON bench_q (q)');
    await q('ANALYZE bench_q');

    // The plan of every answer: author (an index into the community's members), time, "this
    // helped" count (at most members - 2, so helpers other than the author exist), state.
    await step('answerPlan',
      `CREATE TEMP TABLE bench_a ON COMMIT DROP AS
       SELECT bq.q, j, md5('bench-answer-' || bq.q || ':' || j)::uuid AS id, bq.id AS question_id, bq.community_id, bq.n_members,
              1 + floor(bq.n_members * ${u(`'aauthor:' || bq.q || ':' || j`)})::int AS author_idx,
              bq.created + least(interval '45 days', now() - bq.created) * power((j - 1 + ${u(`'acreated:' || bq.q || ':' || j`)}) / bq.n_answers, 2) AS created,
              CASE WHEN ${u(`'ahelped:' || bq.q || ':' || j`)} < 0.62 THEN 0
                   ELSE greatest(0, least(bq.n_members - 2, 1 + floor(-ln(1 - ${u(`'ahelped2:' || bq.q || ':' || j`)}) * 1.6)::int)) END AS helped,
              CASE WHEN ${u(`'astate:' || bq.q || ':' || j`)} < 0.005 THEN 'deleted' WHEN ${u(`'astate:' || bq.q || ':' || j`)} < 0.008 THEN 'hidden' ELSE 'live' END AS state
       FROM bench_q bq, generate_series(1, bq.n_answers) j`,
    );
    await q('ANALYZE bench_a');

    await step('questions',
      `INSERT INTO questions (id, community_id, author_id, kind, title, body, tags, is_pseudonymous, answer_count, helped_count,
                              deleted_at, hidden_at, hidden_by, hidden_reason, created_at, last_activity_at)
       SELECT bq.id, bq.community_id, bq.author, bq.kind, bq.title,
              ${fill('$5::text[]', QUESTION_OPENINGS.length, `'qopen:' || bq.q`)}
                || ' ' || ${run('$6::text[]', QUESTION_DETAILS.length, `'qdetail:' || bq.q`, `1 + floor(3 * ${u(`'qdetailn:' || bq.q`)})::int`)}
                || ${extras('bq.q')}
                || E'\\n\\n' || ($7::text[])[1 + floor(${QUESTION_CLOSINGS.length} * ${u(`'qclose:' || bq.q`)})::int],
              bq.tags, bq.pseudonymous, coalesce(a.live, 0), coalesce(a.helped, 0),
              CASE WHEN bq.state = 'deleted' THEN bq.created + interval '1 day' END,
              CASE WHEN bq.state = 'hidden' THEN bq.created + interval '2 days' END,
              CASE WHEN bq.state = 'hidden' THEN bq.facilitator END,
              CASE WHEN bq.state = 'hidden' THEN 'Dubbel geplaatst; de vraag staat al in deze gemeenschap.' END,
              bq.created, greatest(bq.created, a.last_created)
       FROM bench_q bq
       LEFT JOIN (SELECT q, count(*) AS live, sum(helped) AS helped, max(created) AS last_created FROM bench_a WHERE state = 'live' GROUP BY q) a ON a.q = bq.q`,
      [...words, QUESTION_OPENINGS, QUESTION_DETAILS, QUESTION_CLOSINGS],
    );

    await step('answers',
      `INSERT INTO answers (id, question_id, author_id, body, helped_count, deleted_at, hidden_at, hidden_by, hidden_reason, created_at)
       SELECT a.id, a.question_id, qc.members[a.author_idx],
              ${run('$5::text[]', ANSWER_SENTENCES.length, `'abody:' || a.q || ':' || a.j`, `1 + floor(4 * ${u(`'abodyn:' || a.q || ':' || a.j`)})::int`)}
                || ${extras(`a.q || ':' || a.j`)}
                || CASE WHEN ${u(`'alist:' || a.q || ':' || a.j`)} < 0.15 THEN E'\\n\\n' || ($6::text[])[1 + floor(${ANSWER_LISTS.length} * ${u(`'alist2:' || a.q || ':' || a.j`)})::int] ELSE '' END,
              a.helped,
              CASE WHEN a.state = 'deleted' THEN a.created + interval '1 day' END,
              CASE WHEN a.state = 'hidden' THEN a.created + interval '2 days' END,
              CASE WHEN a.state = 'hidden' THEN qc.facilitator END,
              CASE WHEN a.state = 'hidden' THEN 'Bevat persoonsgegevens van een inwoner.' END,
              a.created
       FROM bench_a a JOIN bench_q bq ON bq.q = a.q JOIN bench_qa_communities qc ON qc.community_id = a.community_id`,
      [...words, ANSWER_SENTENCES, ANSWER_LISTS],
    );

    await step('acceptedAnswers',
      `UPDATE questions qu SET accepted_answer_id = a.id
       FROM bench_q bq JOIN bench_a a ON a.q = bq.q AND a.state = 'live'
       WHERE qu.id = bq.id AND bq.n_answers > 0 AND ${u(`'qaccept:' || bq.q`)} < 0.4
         AND a.j = 1 + floor(bq.n_answers * ${u(`'qaccept2:' || bq.q`)})::int`,
    );

    // "This helped": helped_count distinct members per answer, never its author: consecutive
    // member positions from a pseudo-random start, the author's position replaced by the next one.
    await step('answerHelped',
      `INSERT INTO answer_helped (answer_id, user_id, created_at)
       SELECT a.id,
              qc.members[1 + (CASE WHEN (s.start + k - 1) % a.n_members + 1 = a.author_idx THEN s.start + a.helped ELSE s.start + k - 1 END) % a.n_members],
              least(now(), a.created + k * interval '3 hours')
       FROM bench_a a
       JOIN bench_qa_communities qc ON qc.community_id = a.community_id
       CROSS JOIN LATERAL (SELECT floor(a.n_members * ${u(`'hstart:' || a.q || ':' || a.j`)})::int AS start) s
       CROSS JOIN LATERAL generate_series(1, a.helped) k
       WHERE a.helped > 0`,
    );

    // Comments: ~30% of live questions and ~22% of live answers have one or two.
    await step('comments',
      `INSERT INTO comments (id, question_id, answer_id, author_id, body, created_at)
       SELECT md5('bench-comment-' || c.key || ':' || k)::uuid, c.question_id, c.answer_id,
              qc.members[1 + floor(qc.n_members * ${u(`'cauthor:' || c.key || ':' || k`)})::int],
              ($1::text[])[1 + floor(${COMMENT_TEXTS.length} * ${u(`'ctext:' || c.key || ':' || k`)})::int],
              least(now(), c.created + k * interval '5 hours')
       FROM (
         SELECT 'q' || bq.q AS key, bq.id AS question_id, NULL::uuid AS answer_id, bq.community_id, bq.created,
                CASE WHEN ${u(`'qcomments:' || bq.q`)} < 0.3 THEN 1 + floor(2 * ${u(`'qcomments2:' || bq.q`)})::int ELSE 0 END AS n
         FROM bench_q bq WHERE bq.state = 'live'
         UNION ALL
         SELECT 'a' || a.q || ':' || a.j, a.question_id, a.id, a.community_id, a.created,
                CASE WHEN ${u(`'acomments:' || a.q || ':' || a.j`)} < 0.22 THEN 1 + floor(2 * ${u(`'acomments2:' || a.q || ':' || a.j`)})::int ELSE 0 END
         FROM bench_a a WHERE a.state = 'live'
       ) c
       JOIN bench_qa_communities qc ON qc.community_id = c.community_id
       CROSS JOIN LATERAL generate_series(1, c.n) k`,
      [COMMENT_TEXTS],
    );

    // The first version of every question, as askQuestion writes it. Answers' first revisions
    // (postAnswer writes one) are left out: a million rows of copied text that no benchmarked page reads.
    await step('revisions',
      `INSERT INTO revisions (id, question_id, answer_id, editor_id, title, body, tags, created_at)
       SELECT md5('bench-revision-' || id::text)::uuid, id, NULL, author_id, title, body, tags, created_at FROM questions`,
    );

    // Asking and answering follow the question (setFollow in askQuestion and postAnswer).
    await step('questionFollows',
      `INSERT INTO question_follows (question_id, user_id, created_at)
       SELECT question_id, user_id, min(created) FROM (
         SELECT id AS question_id, author AS user_id, created FROM bench_q
         UNION ALL
         SELECT a.question_id, qc.members[a.author_idx], a.created FROM bench_a a JOIN bench_qa_communities qc ON qc.community_id = a.community_id
       ) f GROUP BY question_id, user_id`,
    );

    // The search index, as indexDocument writes it (questionSearchDocument, answerSearchDocument in
    // src/questions/): live questions; live answers of live questions, under their question's
    // title, tags and kind.
    // The title-and-tags part of the vector once per question: its answers share it.
    await step('searchHeads',
      `CREATE TEMP TABLE bench_heads ON COMMIT DROP AS
       SELECT id, ${searchHeadSql('title', 'tags')} AS head FROM questions WHERE deleted_at IS NULL AND hidden_at IS NULL`,
    );
    await q('ANALYZE bench_heads');
    await step('searchQuestions',
      `INSERT INTO search_documents (id, kind, community_id, parent_id, title, body, tags, question_kind, created_at, search)
       SELECT id, 'question', community_id, NULL, title, plain, tags, kind, created_at, head || ${searchBodySql('plain')}
       FROM (SELECT qu.*, h.head, ${plainTextSql('qu.body')} AS plain FROM questions qu JOIN bench_heads h ON h.id = qu.id) s`,
    );
    await step('searchAnswers',
      `INSERT INTO search_documents (id, kind, community_id, parent_id, title, body, tags, question_kind, created_at, search)
       SELECT id, 'answer', community_id, question_id, title, plain, tags, kind, created_at, head || ${searchBodySql('plain')}
       FROM (SELECT a.id, qu.community_id, a.question_id, qu.title, qu.tags, qu.kind, a.created_at, h.head, ${plainTextSql('a.body')} AS plain
             FROM answers a JOIN questions qu ON qu.id = a.question_id JOIN bench_heads h ON h.id = qu.id
             WHERE a.deleted_at IS NULL AND a.hidden_at IS NULL) s`,
    );
    await step('searchWords',
      `INSERT INTO search_words (community_id, word, documents)
       SELECT community_id, word, count(*)::int
       FROM (SELECT DISTINCT qu.id, qu.community_id, w[1] AS word
             FROM questions qu CROSS JOIN LATERAL ${titleWordsSql('qu.title')} w
             WHERE qu.deleted_at IS NULL AND qu.hidden_at IS NULL) t
       GROUP BY community_id, word`,
    );
    if (skipsForeignKeys) await q('SET LOCAL session_replication_role = origin');
    const t0 = performance.now();
    for (const index of indexes) await q(index.definition);
    steps.createIndexes = Math.round(performance.now() - t0);
    await q('COMMIT');
  } catch (error) {
    await q('ROLLBACK').catch(() => undefined);
    throw error;
  }
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

export interface BenchManager {
  id: string;
  email: string;
}

/**
 * Who reads the signal dashboards: an active manager (users.role) of the organisation that owns
 * the subject community, which is what canReadCommunitySignals asks of someone who does not
 * facilitate it. Dutch locale first, like the member.
 */
export async function chooseSignalsManager(client: Queryable, subject: BenchSubject): Promise<BenchManager> {
  const manager = (await client.query(
    `SELECT u.id, u.email::text AS email
     FROM communities c JOIN users u ON u.organisation_id = c.organisation_id
     WHERE c.id = $1 AND u.role = 'manager' AND u.status = 'active'
     ORDER BY (u.locale = 'nl') DESC, u.id LIMIT 1`,
    [subject.community.id],
  )).rows[0] as BenchManager | undefined;
  if (!manager) throw new Error(`The organisation that owns ${subject.community.slug} has no active manager to read its signals`);
  return manager;
}

export interface SubjectQuestion {
  id: string;
  title: string;
  answers: number;
  comments: number;
}

const SUBJECT_QUESTION = {
  title: 'Hoe voeren jullie het keukentafelgesprek bij een Wmo-aanvraag van kwetsbare ouderen?',
  body: [
    'Wij krijgen steeds meer Wmo-aanvragen van **kwetsbare ouderen** die alleen wonen. Het keukentafelgesprek duurt bij ons vaak langer dan een uur, en toch missen we dingen.',
    '### Wat we nu doen',
    '- een consulent plant het gesprek binnen twee weken\n- we vragen of er een mantelzorger bij kan zijn\n- het verslag gaat per post naar de inwoner',
    'Onze vraag: hoe houden jullie het gesprek kort en toch volledig? En hoe betrekken jullie de huisarts of de wijkverpleging, zonder dat de privacy in het gedrang komt?',
  ].join('\n\n'),
  tags: ['wmo', 'sociaal-domein'],
  subject: 'het keukentafelgesprek',
  group: 'kwetsbare ouderen',
};
/** "This helped" per answer of the subject question, and which answer (1-based) the asker accepted. */
const SUBJECT_HELPED = [9, 4, 0, 14, 2, 1, 0, 6, 3, 0, 1, 0, 5, 0, 2, 0, 1, 0, 0, 1];
const SUBJECT_ACCEPTED = 4;
/** Comments: four on the question (answer 0), sixteen spread over the answers. */
const SUBJECT_COMMENTS_ON = [0, 0, 0, 0, 1, 1, 2, 4, 4, 4, 5, 8, 8, 9, 12, 13, 15, 17, 19, 20];

/**
 * The question the `question` scenario reads: in the subject community, visible to the bench
 * user, with exactly 20 answers and 20 comments, "this helped" on many answers and an accepted
 * answer; counters, revisions, follows and the search index as the application keeps them.
 */
export async function createSubjectQuestion(client: Queryable, subject: BenchSubject): Promise<SubjectQuestion> {
  const members = (await client.query(
    `SELECT m.user_id FROM community_members m JOIN users u ON u.id = m.user_id AND u.status = 'active'
     WHERE m.community_id = $1::uuid AND m.status = 'active' AND m.user_id <> $2
     ORDER BY md5('subject:' || m.user_id::text) LIMIT 60`,
    [subject.community.id, subject.user.id],
  )).rows.map((r: { user_id: string }) => r.user_id);
  if (members.length < 3) throw new Error(`Community ${subject.community.slug} has too few active members for the subject question`);
  const n = SUBJECT_HELPED.length;
  const asker = members[0] as string;
  const answerers = Array.from({ length: n }, (_, i) => members[1 + (i % (members.length - 1))] as string);
  const sentence = (i: number) => (ANSWER_SENTENCES[i % ANSWER_SENTENCES.length] as string).replace('%1$s', SUBJECT_QUESTION.subject).replace('%2$s', SUBJECT_QUESTION.group);
  const bodies = Array.from({ length: n }, (_, i) => {
    const sentences = Array.from({ length: 3 + (i % 4) }, (_, k) => sentence(i * 5 + k * 3));
    const parts = [sentences.slice(0, 2).join(' '), sentences.slice(2).join(' ')];
    if (i % 3 === 0) parts.push(ANSWER_LISTS[i % ANSWER_LISTS.length] as string);
    if (i % 4 === 1) parts.push(COMMON_SENTENCES[i % COMMON_SENTENCES.length] as string);
    return parts.join('\n\n');
  });
  // Helpers of answer j: members other than its author, in a rotating order.
  const helpedAnswer: number[] = [];
  const helpedUser: string[] = [];
  SUBJECT_HELPED.forEach((count, j) => {
    const pool = members.filter((m) => m !== answerers[j]);
    for (let k = 0; k < Math.min(count, pool.length); k++) {
      helpedAnswer.push(j + 1);
      helpedUser.push(pool[(j * 7 + k) % pool.length] as string);
    }
  });
  const commentAuthors = SUBJECT_COMMENTS_ON.map((_, i) => members[(i * 3 + 2) % members.length] as string);
  const commentBodies = SUBJECT_COMMENTS_ON.map((_, i) => COMMENT_TEXTS[i % COMMENT_TEXTS.length] as string);
  const helpedTotal = SUBJECT_HELPED.reduce((a, b) => a + b, 0);
  const id = (await client.query(`SELECT md5('bench-subject-question:' || $1::uuid::text)::uuid AS id`, [subject.community.id])).rows[0].id as string;

  await client.query('BEGIN');
  try {
    // Answers an hour apart from 30 days ago; comments a quarter of an hour after their post.
    await client.query(
      `INSERT INTO questions (id, community_id, author_id, kind, title, body, tags, answer_count, helped_count, created_at, last_activity_at)
       VALUES ($1::uuid, $2, $3, 'how', $4, $5, $6, $7::int, $8::int, now() - interval '30 days', now() - interval '30 days' + $7::int * interval '1 hour')`,
      [id, subject.community.id, asker, SUBJECT_QUESTION.title, SUBJECT_QUESTION.body, SUBJECT_QUESTION.tags, n, helpedTotal],
    );
    await client.query(
      `INSERT INTO answers (id, question_id, author_id, body, helped_count, created_at)
       SELECT md5($1::uuid::text || ':answer:' || j)::uuid, $1::uuid, author, body, helped, now() - interval '30 days' + j * interval '1 hour'
       FROM unnest($2::uuid[], $3::text[], $4::int[]) WITH ORDINALITY AS a(author, body, helped, j)`,
      [id, answerers, bodies, SUBJECT_HELPED],
    );
    await client.query(`UPDATE questions SET accepted_answer_id = md5($1::uuid::text || ':answer:' || $2::int)::uuid WHERE id = $1::uuid`, [id, SUBJECT_ACCEPTED]);
    await client.query(
      `INSERT INTO answer_helped (answer_id, user_id, created_at)
       SELECT md5($1::uuid::text || ':answer:' || j)::uuid, user_id, now() - interval '29 days' FROM unnest($2::int[], $3::uuid[]) AS h(j, user_id)`,
      [id, helpedAnswer, helpedUser],
    );
    await client.query(
      `INSERT INTO comments (id, question_id, answer_id, author_id, body, created_at)
       SELECT md5($1::uuid::text || ':comment:' || i)::uuid, $1::uuid, CASE WHEN j > 0 THEN md5($1::uuid::text || ':answer:' || j)::uuid END, author, body,
              now() - interval '30 days' + j * interval '1 hour' + i * interval '1 minute' + interval '15 minutes'
       FROM unnest($2::int[], $3::uuid[], $4::text[]) WITH ORDINALITY AS c(j, author, body, i)`,
      [id, SUBJECT_COMMENTS_ON, commentAuthors, commentBodies],
    );
    await client.query(
      `INSERT INTO revisions (id, question_id, answer_id, editor_id, title, body, tags, created_at)
       SELECT md5('bench-revision-' || $1::uuid::text)::uuid, id, NULL, author_id, title, body, tags, created_at FROM questions WHERE id = $1::uuid
       UNION ALL
       SELECT md5('bench-revision-' || a.id::text)::uuid, a.question_id, a.id, a.author_id, NULL, a.body, NULL, a.created_at FROM answers a WHERE a.question_id = $1::uuid`,
      [id],
    );
    await client.query(
      `INSERT INTO question_follows (question_id, user_id, created_at)
       SELECT $1::uuid, user_id, min(created_at) FROM (SELECT author_id AS user_id, created_at FROM questions WHERE id = $1::uuid
                                                 UNION ALL SELECT author_id, created_at FROM answers WHERE question_id = $1::uuid) f
       GROUP BY user_id`,
      [id],
    );
    await client.query(
      `INSERT INTO search_documents (id, kind, community_id, parent_id, title, body, tags, question_kind, created_at, search)
       SELECT id, 'question', community_id, NULL, title, plain, tags, kind, created_at, ${searchVectorSql('title', 'tags', 'plain')}
       FROM (SELECT qu.*, $2::text AS plain FROM questions qu WHERE qu.id = $1::uuid) s
       UNION ALL
       SELECT id, 'answer', community_id, question_id, title, plain, tags, kind, created_at, ${searchVectorSql('title', 'tags', 'plain')}
       FROM (SELECT a.id, qu.community_id, a.question_id, qu.title, qu.tags, qu.kind, a.created_at, ${plainTextSql('a.body')} AS plain
             FROM answers a JOIN questions qu ON qu.id = a.question_id WHERE qu.id = $1::uuid) s`,
      // The question's body has a heading, which the generator's plain-text expression does not handle.
      [id, questionPlainText(SUBJECT_QUESTION.body)],
    );
    await client.query(
      `INSERT INTO search_words (community_id, word, documents)
       SELECT DISTINCT qu.community_id, w[1], 1 FROM questions qu CROSS JOIN LATERAL ${titleWordsSql('qu.title')} w WHERE qu.id = $1::uuid
       ON CONFLICT (community_id, word) DO UPDATE SET documents = search_words.documents + 1`,
      [id],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  await client.query('ANALYZE questions, answers, comments');
  return { id, title: SUBJECT_QUESTION.title, answers: n, comments: SUBJECT_COMMENTS_ON.length };
}

/** Plain text of the subject question's Markdown, as markdownToText gives it (checked in a scratch comparison). */
function questionPlainText(markdown: string): string {
  return markdown
    .replace(/\*\*/g, '')
    .replace(/^### /gm, '')
    .replace(/^- /gm, '')
    .replace(/\n{2,}/g, '\n');
}

export interface AnswerPoster {
  userId: string;
  questionId: string;
}

/**
 * Who posts in the `answer-post` scenario: `count` different active users, members of the subject
 * community first, then of other communities, each with a live, open question of a community
 * they are an active member of (one of its 500 newest, so the posts spread over many questions
 * and do not queue on one question's row lock). Never the subject question.
 */
export async function chooseAnswerPosters(client: Queryable, subject: BenchSubject, count: number, excludeQuestionId: string): Promise<AnswerPoster[]> {
  const rows = (await client.query(
    `WITH live AS (
       SELECT community_id, count(*)::int AS n FROM questions
       WHERE deleted_at IS NULL AND hidden_at IS NULL AND closed_at IS NULL AND id <> $2 GROUP BY community_id
     ), candidates AS (
       SELECT DISTINCT ON (m.user_id) m.user_id, m.community_id, live.n
       FROM community_members m
       JOIN users u ON u.id = m.user_id AND u.status = 'active'
       JOIN live ON live.community_id = m.community_id
       WHERE m.status = 'active'
       ORDER BY m.user_id, (m.community_id = $1) DESC, md5(m.community_id::text || m.user_id::text)
     ), chosen AS (
       SELECT * FROM candidates ORDER BY (community_id = $1) DESC, md5(user_id::text) LIMIT $3
     )
     SELECT c.user_id, q.id AS question_id
     FROM chosen c
     CROSS JOIN LATERAL (
       SELECT id FROM questions
       WHERE community_id = c.community_id AND deleted_at IS NULL AND hidden_at IS NULL AND closed_at IS NULL AND id <> $2
       ORDER BY created_at DESC, id DESC
       OFFSET (hashtext(c.user_id::text) & 2147483647) % least(c.n, 500) LIMIT 1
     ) q`,
    [subject.community.id, excludeQuestionId, count],
  )).rows as { user_id: string; question_id: string }[];
  return rows.map((r) => ({ userId: r.user_id, questionId: r.question_id }));
}

// Standalone use: fill an existing, migrated, empty database.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, seed: { type: 'string' }, content: { type: 'string', default: '1' } }, strict: true });
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.error('Set BENCH_DATABASE_URL to a migrated, empty database (npm run bench does all of this for you).');
    process.exit(2);
  }
  const { default: pgModule } = await import('pg');
  const client = new pgModule.Client({ connectionString: url });
  await client.connect();
  try {
    const summary = await generateDataset(client, { scale: Number(values.scale), content: Number(values.content), seed: values.seed === undefined ? undefined : Number(values.seed) });
    console.log(JSON.stringify(summary, null, 2));
  } finally {
    await client.end();
  }
}
