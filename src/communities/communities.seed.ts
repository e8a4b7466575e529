import type { Deps } from '../platform/deps.ts';
import type { CommunityRole, CommunityVisibility, MembershipStatus } from '../platform/db/schema.ts';
import { communitySlug } from './communities.models.ts';
import * as repo from './communities.repository.ts';
import * as members from './membership/membership.repository.ts';

/** The demo people the lead's seed already created; the communities are built around them. */
export interface DemoCommunityPeople {
  /** The demo municipality (e.g. Gemeente Voorbeeldstad): owns every demo community. */
  municipalityId: string;
  /** Partner organisations (care provider, housing corporation, school); one or more. */
  partnerIds: string[];
  /** A manager at the municipality: facilitator of every demo community. */
  facilitatorId: string;
  /** Other demo users, at the municipality first, then at partners; at least three helps. */
  memberIds: string[];
}

interface DemoCommunity {
  name: string;
  purpose: string;
  tags: string[];
  visibility: CommunityVisibility;
  partnerIds: string[];
  people: { userId: string; role?: CommunityRole; status?: MembershipStatus; message?: string }[];
}

function demoCommunities(p: DemoCommunityPeople): DemoCommunity[] {
  const [first, second, third, ...rest] = p.memberIds;
  const pick = (...ids: (string | undefined)[]) => ids.filter((id): id is string => Boolean(id) && id !== p.facilitatorId);
  return [
    {
      name: 'Wmo-consulenten Voorbeeldstad',
      purpose: 'Wmo-consulenten leren van elkaars keukentafelgesprekken: wat werkt bij maatwerk, en hoe leg je een besluit uit in gewone taal?',
      tags: ['wmo', 'keukentafelgesprek', 'maatwerk'],
      visibility: 'open',
      partnerIds: [],
      people: pick(first, second, third, ...rest).map((userId) => ({ userId })),
    },
    {
      name: 'Schuldhulp in de keten',
      purpose: 'Gemeente, zorgaanbieders en woningcorporaties zoeken samen hoe we schulden eerder zien en sneller helpen, zonder dat inwoners van loket naar loket gaan.',
      tags: ['schuldhulp', 'vroegsignalering', 'ketensamenwerking'],
      visibility: 'closed',
      partnerIds: p.partnerIds,
      people: [...pick(first, ...rest).map((userId) => ({ userId })), ...pick(second).map((userId) => ({ userId, status: 'requested' as const, message: 'Ik zie in mijn werk veel mensen met betalingsachterstanden.' }))],
    },
    {
      name: 'Jeugd en onderwijs',
      purpose: 'Jeugdconsulenten en scholen leren samen over passend onderwijs en thuiszitters: wie pakt wat op, en hoe houden we het kind centraal?',
      tags: ['jeugd', 'onderwijs', 'thuiszitters'],
      visibility: 'closed',
      partnerIds: p.partnerIds.slice(-1),
      people: pick(second, third).map((userId) => ({ userId })),
    },
    {
      name: 'Intervisie wijkteams',
      purpose: 'Een veilige plek voor intervisie: wijkteamleden bespreken casussen met de incidentmethode. Wat hier gedeeld wordt, blijft hier.',
      tags: ['intervisie', 'wijkteam'],
      visibility: 'secret',
      partnerIds: [],
      people: [...pick(first, third).map((userId) => ({ userId })), ...pick(second).map((userId) => ({ userId, status: 'invited' as const }))],
    },
  ];
}

/**
 * Creates the demo communities once: a community whose slug exists is left alone, so the seed
 * can run on every start. No events: this is demo data, not something people did.
 * Returns the names of the communities it created.
 */
export async function seedDemoCommunities(deps: Pick<Deps, 'db' | 'ids' | 'clock'>, people: DemoCommunityPeople): Promise<string[]> {
  const created: string[] = [];
  for (const demo of demoCommunities(people)) {
    try {
      if (await createDemoCommunity(deps, people, demo)) created.push(demo.name);
    } catch (error) {
      // Someone created a community with this name at the same moment: theirs stays.
      if (!repo.isSlugConflict(error)) throw error;
    }
  }
  return created;
}

async function createDemoCommunity(deps: Pick<Deps, 'db' | 'ids' | 'clock'>, people: DemoCommunityPeople, demo: DemoCommunity): Promise<boolean> {
  const slug = communitySlug(demo.name);
  return deps.db.transaction().execute(async (tx) => {
    if (await repo.isSlugTaken(tx, slug)) return false;
    const id = deps.ids.uuid();
    const now = deps.clock.now();
    await repo.insertCommunity(tx, { id, slug, name: demo.name, purpose: demo.purpose, tags: demo.tags, visibility: demo.visibility, organisationId: people.municipalityId, createdBy: people.facilitatorId, allowPseudonymousQuestions: demo.visibility === 'secret', now });
    await repo.replacePartners(tx, id, demo.partnerIds.filter((partnerId) => partnerId !== people.municipalityId));
    await members.insertMembership(tx, { communityId: id, userId: people.facilitatorId, role: 'facilitator', status: 'active', now, decidedBy: people.facilitatorId });
    for (const person of demo.people) {
      const status = person.status ?? 'active';
      await members.insertMembership(tx, { communityId: id, userId: person.userId, role: person.role ?? 'member', status, message: person.message, now, decidedBy: status === 'requested' ? null : people.facilitatorId });
    }
    return true;
  });
}
