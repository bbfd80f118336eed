-- Answers to writes sent with an Idempotency-Key (server/idempotency.ts), so that a retry from
-- a phone on a bad connection gets the same answer — the same concern, the same receipt —
-- instead of a second report. Nothing here can be read without the key, which only the client
-- holds: the row is found by a hash of the key, the request is recognised by an HMAC under it,
-- and the answer (with its receipt) is encrypted under a key derived from it. Rows expire on
-- the hour, at least 24 hours after they were written.
CREATE TABLE idempotent_requests (
  id bytea PRIMARY KEY CHECK (length(id) = 32),    -- SHA-256 of who asked (the public or an account) and the key
  fingerprint bytea NOT NULL CHECK (length(fingerprint) = 32),  -- HMAC of method, path and body under the key
  status smallint NOT NULL,                        -- 0 while the first request is being answered
  answer bytea,                                    -- AES-256-GCM of the answer's JSON: iv, tag, ciphertext
  expires_at timestamptz NOT NULL                  -- on the hour
);
CREATE INDEX idempotent_requests_expires_at_idx ON idempotent_requests (expires_at);
