DROP TABLE prompt_opt_outs;
DROP TABLE prompt_responses;
DROP TABLE prompt_deliveries;
DROP TABLE prompt_occurrences;
DROP TABLE prompts;
ALTER TABLE users DROP COLUMN prompts_snoozed_until;
ALTER TABLE users DROP COLUMN prompt_email;
ALTER TABLE organisations DROP COLUMN prompt_budget_per_week;
