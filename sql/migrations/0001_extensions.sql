-- PostGIS is the one extension every database (embedded PGlite or a server) must have.
CREATE EXTENSION IF NOT EXISTS postgis;
