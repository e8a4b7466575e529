import type { OrgRole, UserStatus } from '../../platform/db/schema.ts';
import { parsePageNumber } from '../../platform/paging.ts';
import { DEFAULT_PAGE_SIZE, parseChoice, parseSearchText } from '../organisations.models.ts';

/** Pure rules for members (leden) of an organisation. */

export interface Member {
  id: string;
  organisationId: string;
  name: string;
  email: string;
  role: OrgRole;
  status: UserStatus;
  jobTitle: string;
  isPlatformAdmin: boolean;
  isEmailVerified: boolean;
  createdAt: Date;
}

export const MEMBER_ROLES: readonly OrgRole[] = ['member', 'manager', 'admin'];
export const MEMBER_STATUSES: readonly UserStatus[] = ['active', 'pending', 'deactivated'];

/** True when `member` counts as an administrator who keeps the organisation manageable. */
export const isActiveAdmin = (member: Pick<Member, 'role' | 'status'>): boolean => member.role === 'admin' && member.status === 'active';

/**
 * A reactivated member goes back to where they were before: someone who never confirmed their
 * e-mail address is pending again, not silently verified.
 */
export const statusAfterReactivation = (member: Pick<Member, 'isEmailVerified'>): UserStatus => (member.isEmailVerified ? 'active' : 'pending');

/** What the members page's query string (`?zoek=&rol=&status=&pagina=`) asks for; odd values are ignored. */
export function memberPageQuery(query: unknown) {
  const q = (query ?? {}) as Record<string, unknown>;
  return {
    page: parsePageNumber(q.pagina),
    pageSize: DEFAULT_PAGE_SIZE,
    q: parseSearchText(q.zoek),
    role: parseChoice(q.rol, MEMBER_ROLES),
    status: parseChoice(q.status, MEMBER_STATUSES),
  };
}

export function memberToJson(member: Member) {
  return {
    id: member.id,
    organisationId: member.organisationId,
    name: member.name,
    email: member.email,
    role: member.role,
    status: member.status,
    jobTitle: member.jobTitle,
    createdAt: member.createdAt.toISOString(),
  };
}
