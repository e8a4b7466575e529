-- Indexes found missing in review: list order, foreign keys, and one open invitation per address.

-- The organisation's member list is sorted by lower(name), then id (members.repository.ts
-- listMembers); this index serves that order without a sort and also every lookup by
-- organisation, so the old (organisation_id, name) index, whose order no query uses, goes.
CREATE INDEX users_organisation_lower_name_idx ON users (organisation_id, lower(name), id);
DROP INDEX users_organisation_idx;

-- Member counts leave out people whose account is not active (deactivated, kept so that
-- reactivation restores their communities). The counts ask "is this member's account inactive?"
-- for each member; this index holds only the inactive accounts (pending and deactivated, a small
-- share of all), so each question is a small index-only probe instead of fetching a users row.
CREATE INDEX users_not_active_idx ON users (id) WHERE status <> 'active';
-- The member side of those counts: with user_id in the index, counting a community's active
-- members (or its facilitators, for the last-facilitator rule) stays an index-only scan.
CREATE INDEX community_members_active_idx ON community_members (community_id, role, user_id) WHERE status = 'active';
DROP INDEX community_members_active_role_idx;

-- Deleting a user (an AVG request) sets these references to NULL; without an index on the
-- referencing column every such delete scans the whole table, once per foreign key.
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id);
CREATE INDEX community_members_decided_by_idx ON community_members (decided_by);
CREATE INDEX communities_created_by_idx ON communities (created_by);
CREATE INDEX invitations_invited_by_idx ON invitations (invited_by);

-- At most one open invitation per address and organisation: a new invitation revokes the old
-- one in the same transaction (invitations.usecases.ts, which also sends invitations to one
-- address one at a time), and this index guarantees that two invitations sent at the same moment
-- never leave two working links. Duplicates from before the rule are revoked first, the newest
-- one kept, so the index can be built.
UPDATE invitations i SET revoked_at = now()
WHERE i.accepted_at IS NULL AND i.revoked_at IS NULL
  AND EXISTS (
    SELECT 1 FROM invitations n
    WHERE n.organisation_id = i.organisation_id AND n.email = i.email
      AND n.accepted_at IS NULL AND n.revoked_at IS NULL
      AND (n.created_at, n.id) > (i.created_at, i.id)
  );
CREATE UNIQUE INDEX invitations_open_email_key ON invitations (organisation_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL;
