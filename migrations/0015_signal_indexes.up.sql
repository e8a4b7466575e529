-- Indexes for the hourly signals rollup (src/signals/rollup.repository.ts). Each run reads the
-- source rows of a window of weeks by their time: the current and previous week plus the weeks
-- of questions that got or lost an answer in the last two weeks, about nine weeks in practice.
-- Without these, every window read in rollupQuestions and rollupWeekly is a full scan of
-- questions, answers and comments, which grows with the platform's whole history; with them
-- the plans (EXPLAIN ANALYZE on the bench dataset) read only the window.
--
-- Measured (bench/README.md, "Signals"): on the bench dataset, whose last nine weeks hold a third
-- of all posts, the hourly run costs the same with or without them: its time goes into
-- aggregating the window, not into finding it. The practice, prompt and framework tables are
-- small next to these and their plans did not use such indexes, so they have none.
CREATE INDEX questions_created_idx ON questions (created_at);
CREATE INDEX answers_created_idx ON answers (created_at);
CREATE INDEX comments_created_idx ON comments (created_at);
