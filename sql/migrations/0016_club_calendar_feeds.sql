-- A club's calendar feed that calendar apps can subscribe to (they send no session): a secret
-- link, only its SHA-256 kept, replaced (and so revoked) by a new one or removed by the organiser.
ALTER TABLE clubs ADD COLUMN feed_hash bytea UNIQUE CHECK (length(feed_hash) = 32);
