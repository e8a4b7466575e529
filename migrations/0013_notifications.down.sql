DROP TABLE platform_secrets;
DROP TABLE digest_runs;
ALTER TABLE users DROP COLUMN email_bounced_at;
ALTER TABLE users DROP COLUMN digest_frequency;
DROP TABLE notification_preferences;
DROP TABLE notifications;
DROP TABLE event_outbox;
