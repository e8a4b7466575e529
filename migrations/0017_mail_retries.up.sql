-- Mails that features send themselves (the tried report, meekijken, the framework review
-- reminder) are tried at once; when the SMTP server answers "try again later" or cannot be
-- reached, the message waits here and a minute job tries again with backoff. Deleted once sent,
-- refused for good, or given up on. Notification mail has its own columns (0013).
CREATE TABLE mail_retries (
  id          uuid PRIMARY KEY,
  -- What sent it, for the logs (never the address: that is in the message only).
  purpose     text NOT NULL,
  -- The message as the mailer takes it: to, subject, text, html, headers, icalEvent.
  message     jsonb NOT NULL,
  attempts    integer NOT NULL DEFAULT 1 CHECK (attempts >= 1),
  next_at     timestamptz NOT NULL,
  -- The SMTP reply code or error code of the last attempt.
  last_error  text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mail_retries_due_idx ON mail_retries (next_at);
