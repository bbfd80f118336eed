-- The version of the imported map data the basemap tiles draw (boundaries, open spaces, path
-- edges, crimes), moved by every statement that changes them (TRUNCATE included), whoever runs
-- it. A server keeps rendered tiles — pure functions of these tables — until the version moves,
-- and gives them ETags that change with it (server/tiles/tile-cache.ts).
--
-- A row, not a sequence: nextval is seen at once by everyone, before the import commits, so a
-- tile drawn from the old rows in the meantime would be kept under the new version. An update
-- is seen only with the rows it came with.
CREATE TABLE map_data_version (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version bigint NOT NULL
);
INSERT INTO map_data_version (version) VALUES (0);

CREATE FUNCTION map_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE map_data_version SET version = version + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER path_edges_map_changed AFTER INSERT OR UPDATE OR DELETE ON path_edges
  FOR EACH STATEMENT EXECUTE FUNCTION map_data_changed();
CREATE TRIGGER path_edges_map_truncated AFTER TRUNCATE ON path_edges
  FOR EACH STATEMENT EXECUTE FUNCTION map_data_changed();
CREATE TRIGGER open_spaces_map_changed AFTER INSERT OR UPDATE OR DELETE ON open_spaces
  FOR EACH STATEMENT EXECUTE FUNCTION map_data_changed();
CREATE TRIGGER open_spaces_map_truncated AFTER TRUNCATE ON open_spaces
  FOR EACH STATEMENT EXECUTE FUNCTION map_data_changed();
CREATE TRIGGER boundaries_map_changed AFTER INSERT OR UPDATE OR DELETE ON boundaries
  FOR EACH STATEMENT EXECUTE FUNCTION map_data_changed();
CREATE TRIGGER boundaries_map_truncated AFTER TRUNCATE ON boundaries
  FOR EACH STATEMENT EXECUTE FUNCTION map_data_changed();
CREATE TRIGGER crimes_map_changed AFTER INSERT OR UPDATE OR DELETE ON crimes
  FOR EACH STATEMENT EXECUTE FUNCTION map_data_changed();
CREATE TRIGGER crimes_map_truncated AFTER TRUNCATE ON crimes
  FOR EACH STATEMENT EXECUTE FUNCTION map_data_changed();
