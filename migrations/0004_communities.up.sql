-- Communities: search by name and tag on the list page, member search on the member list.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Search is a substring match on the lower-cased name (`lower(name) LIKE '%wmo%'`);
-- a trigram index serves that without scanning every community on a national platform.
CREATE INDEX communities_name_trgm_idx ON communities USING gin (lower(name) gin_trgm_ops);

-- Tags are stored lower-case, so a tag search is `tags @> ARRAY['schuldhulp']`.
CREATE INDEX communities_tags_idx ON communities USING gin (tags);

-- Member search by (part of) a name inside one community.
CREATE INDEX users_lower_name_trgm_idx ON users USING gin (lower(name) gin_trgm_ops);

-- Facilitators of a community, for the community home page and the last-facilitator rule.
CREATE INDEX community_members_active_role_idx ON community_members (community_id, role) WHERE status = 'active';
