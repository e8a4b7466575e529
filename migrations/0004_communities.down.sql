DROP INDEX community_members_active_role_idx;
DROP INDEX users_lower_name_trgm_idx;
DROP INDEX communities_tags_idx;
DROP INDEX communities_name_trgm_idx;
-- pg_trgm stays: other migrations may rely on it, and an extension holds no data of its own.
