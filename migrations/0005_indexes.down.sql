-- Duplicate open invitations revoked by the up migration stay revoked: only the newest link was meant to work.
DROP INDEX invitations_open_email_key;
DROP INDEX invitations_invited_by_idx;
DROP INDEX communities_created_by_idx;
DROP INDEX community_members_decided_by_idx;
DROP INDEX audit_log_actor_idx;
CREATE INDEX community_members_active_role_idx ON community_members (community_id, role) WHERE status = 'active';
DROP INDEX community_members_active_idx;
DROP INDEX users_not_active_idx;
CREATE INDEX users_organisation_idx ON users (organisation_id, name);
DROP INDEX users_organisation_lower_name_idx;
