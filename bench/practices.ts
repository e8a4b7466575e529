/**
 * Practice stories for the bench: a few hundred stories in the subject community (the gallery
 * scenario reads its first page) and one subject story (the practice scenario) with a trail of
 * 30 tried reports, some built on others, and 20 remarks, written by the community's members.
 * Plain SQL like dataset.ts: the counters are set as the application keeps them.
 */
import type pg from 'pg';
import type { BenchSubject } from './dataset.ts';

type Queryable = Pick<pg.ClientBase, 'query'>;

export interface SubjectPractice {
  id: string;
  title: string;
  stories: number;
  tries: number;
  nestedTries: number;
  remarks: number;
}

const TITLES = ['Keukentafelgesprek met een tolk via beeldbellen', 'Een vast spreekuur op de basisschool', 'Schuldhulp starten met een huisbezoek', 'Mantelzorgers samen aan tafel', 'Jongeren zelf de agenda laten maken', 'Wachttijd verkorten met een inloopochtend'];
const TEAMS = ['Wijkteam Noord', 'Wijkteam Zuid', 'Jeugdteam Centrum', 'Schuldhulp Oost', 'Team Wmo-consulenten', 'Sociaal team West'];

/** `stories` stories in the subject community, and the subject story with its trail and remarks. */
export async function createBenchPractices(client: Queryable, subject: BenchSubject, stories = 300): Promise<SubjectPractice> {
  const members = (await client.query(
    `SELECT u.id, u.organisation_id FROM community_members m JOIN users u ON u.id = m.user_id
     WHERE m.community_id = $1 AND m.status = 'active' AND u.status = 'active' AND u.id <> $2
     ORDER BY md5('practice:' || u.id::text) LIMIT 60`,
    [subject.community.id, subject.user.id],
  )).rows as { id: string; organisation_id: string }[];
  if (members.length < 5) throw new Error(`Community ${subject.community.slug} has too few active members for the practice stories`);
  const memberIds = members.map((m) => m.id);

  // The gallery: stories over the last two years, with counters as reactions, reports and remarks left them.
  await client.query(
    `INSERT INTO practices (id, community_id, author_id, title, situation, action, outcome, learning, tags,
                            recognised_count, will_try_count, tried_count, comment_count, created_at, last_activity_at)
     SELECT gen_random_uuid(), $1, ($2::uuid[])[1 + (s % cardinality($2::uuid[]))],
            ($3::text[])[1 + (s % cardinality($3::text[]))] || ' (' || s || ')',
            'Een inwoner liep vast tussen twee loketten. Niemand voelde zich eigenaar van de vraag, en de inwoner haakte af. ' || repeat('Zo ging het al maanden. ', 1 + s % 6),
            'Ik plande een gesprek met beide loketten aan één tafel, met de inwoner erbij, en legde de afspraken vast in het dossier.',
            CASE WHEN s % 3 = 0 THEN '' ELSE 'De inwoner wist na één gesprek waar ze aan toe was.' END,
            CASE WHEN s % 4 = 0 THEN '' ELSE 'Plan er anderhalf uur voor; ik twijfel nog of het bij een eerste kennismaking werkt.' END,
            ARRAY['wmo', (ARRAY['tolk', 'schulden', 'jeugd', 'mantelzorg'])[1 + s % 4]],
            s % 9, s % 5, s % 7, s % 11,
            now() - make_interval(hours => s * 57), now() - make_interval(hours => s * 57)
     FROM generate_series(1, $4::int) s`,
    [subject.community.id, memberIds, TITLES, stories],
  );

  // The subject story: the newest, by a member who is not the reader.
  const title = 'Keukentafelgesprek met een tolk via beeldbellen: zo pakten wij het aan';
  const id = (await client.query(`SELECT md5('bench-subject-practice:' || $1::uuid::text)::uuid AS id`, [subject.community.id])).rows[0].id as string;
  const tries = 30;
  const remarks = 20;
  await client.query(
    `INSERT INTO practices (id, community_id, author_id, title, situation, action, outcome, learning, tags, recognised_count, will_try_count, tried_count, comment_count, created_at, last_activity_at)
     VALUES ($1, $2, $3, $4,
             'Een oudere inwoner sprak alleen Turks. Haar dochter vertaalde altijd, maar die had een eigen belang bij de uitkomst.',
             E'Ik plande het gesprek met een **professionele tolk via beeldbellen**:\\n\\n1. Tablet op tafel, tolk in beeld.\\n2. Eerst de rolverdeling uitgelegd.\\n3. Korte zinnen, na elke zin laten vertalen.',
             'Mevrouw vertelde veel meer over haar eigen wensen dan in eerdere gesprekken.',
             'Het kost meer tijd: plan anderhalf uur.', ARRAY['keukentafelgesprek', 'tolk', 'wmo'], 12, 7, $5, $6, now() - interval '40 days', now())`,
    [id, subject.community.id, memberIds[0], title, tries, remarks],
  );
  // 20 reports on the story itself, then 10 built on earlier ones (depth 1 and 2): a tree.
  const tryIds: string[] = [];
  for (let i = 0; i < tries; i++) {
    const author = members[(i + 1) % members.length]!;
    const parentIndex = i < 20 ? undefined : i < 26 ? (i - 20) * 3 : 20 + (i - 26);
    const parentId = parentIndex === undefined ? null : tryIds[parentIndex]!;
    const depth = parentIndex === undefined ? 0 : parentIndex < 20 ? 1 : 2;
    const tryId = (await client.query(
      `INSERT INTO practice_tries (id, practice_id, parent_id, depth, community_id, author_id, organisation_id, team, result, adapted, how_it_went, created_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now() - make_interval(hours => $11::int)) RETURNING id`,
      [id, parentId, depth, subject.community.id, author.id, author.organisation_id, TEAMS[i % TEAMS.length], ['worked', 'partly', 'not_yet'][i % 3],
        'Tolk via de telefoon in plaats van beeld, omdat de inwoner geen wifi had.', 'Werkte voor het eerste deel; bij de cijfers was beeld toch beter geweest. Plan wel een pauze in.', (tries - i) * 20],
    )).rows[0].id as string;
    tryIds.push(tryId);
  }
  for (let i = 0; i < remarks; i++) {
    await client.query(
      `INSERT INTO practice_comments (id, practice_id, community_id, kind, author_id, body, created_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, now() - make_interval(hours => $6::int))`,
      [id, subject.community.id, i % 2 === 0 ? 'comment' : 'alternative', memberIds[(i + 3) % memberIds.length],
        i % 2 === 0 ? 'Mooi voorbeeld. De tolkkosten vallen onder het budget van het team; vraag het gewoon aan.' : 'Ik zou eerst een kort gesprek met alleen de dochter voeren, zodat zij weet waarom er een tolk komt.', (remarks - i) * 15],
    );
  }
  await client.query('ANALYZE practices, practice_tries, practice_comments, practice_reactions, practice_shares, practice_attachments');
  return { id, title, stories: stories + 1, tries, nestedTries: 10, remarks };
}
