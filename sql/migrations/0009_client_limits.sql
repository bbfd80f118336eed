-- Limits and throttles as counters nobody can link to a client or a report (issue 10):
-- concern_rate_limits keyed rows by an unsalted SHA-256 of the address and stamped each with its
-- client's first request, and login_attempts kept addresses in clear. Both give way to one
-- table of fixed-window counters under a keyed hash (server/limits/counters.ts); the rows are
-- short-lived counts, so none is carried over.
DROP TABLE concern_rate_limits;
DROP TABLE login_attempts;

CREATE TABLE client_limits (
  key bytea PRIMARY KEY CHECK (length(key) = 32),  -- HMAC-SHA256 of limit, window and subject under a key kept only in memory
  hits integer NOT NULL CHECK (hits > 0),
  window_ends timestamptz NOT NULL                 -- the end of the fixed window: the same for every client
);
CREATE INDEX client_limits_window_ends_idx ON client_limits (window_ends);
