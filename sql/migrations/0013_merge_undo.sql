-- A merge can be undone (server/concerns/moderation.ts, unmergeConcern): the duplicate comes back
-- as it was before, so whether it was hidden then is kept while it is merged. NULL when not merged.
ALTER TABLE concerns ADD COLUMN hidden_before_merge boolean;
ALTER TABLE concerns ADD CONSTRAINT concerns_hidden_before_merge_with_merge
  CHECK ((merged_into IS NULL) = (hidden_before_merge IS NULL)) NOT VALID;
