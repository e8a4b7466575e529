DROP FUNCTION signal_working_seconds(timestamp, timestamp);
DROP TABLE signal_rollup_state;
DROP TABLE signal_questions;
DROP TABLE signal_weekly;
