-- Accounts of officers, running club organisers and admins, their sessions, and the counters
-- that slow down password guessing. Residents never have an account.

CREATE TABLE users (
  id bigserial PRIMARY KEY,
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND position('@' IN email) > 1),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role text NOT NULL CHECK (role IN ('officer', 'club', 'admin')),
  password_hash text NOT NULL,         -- argon2id PHC string: $argon2id$v=19$m=…,t=…,p=…$salt$hash
  disabled_at timestamptz,             -- accounts are disabled, not deleted, so their work keeps its author
  created_at timestamptz NOT NULL DEFAULT now()
);
-- citext is not in the embedded PGlite: the address keeps the letter case it was typed in,
-- and this index makes one address in any case one account (and serves the login lookup).
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- The cookie carries a random token; only its SHA-256 is kept, so a copy of this table (a
-- backup, a replica) cannot be replayed as a session.
CREATE TABLE sessions (
  token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,     -- absolute end, however active the session is
  last_seen_at timestamptz NOT NULL DEFAULT now()  -- the idle timeout counts from here
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

-- Failed logins as counters that expire, not as a log: one row per account or client, reset
-- when its window has passed. Nothing here says who tried what when.
CREATE TABLE login_attempts (
  key text PRIMARY KEY,                -- 'account:<lower-case email>' or 'client:<ip address>'
  failures integer NOT NULL CHECK (failures > 0),
  window_start timestamptz NOT NULL,   -- the first failure the counter holds
  locked_until timestamptz             -- set when failures reach the limit
);
