-- A merge can be undone (server/concerns/moderation.ts, unmergeConcern): the duplicate comes back
-- as it was before, so whether it was hidden then is kept while it is merged. NULL when not
-- merged, and for concerns merged before this migration (they stay hidden when separated).
ALTER TABLE concerns ADD COLUMN hidden_before_merge boolean;
ALTER TABLE concerns ADD CONSTRAINT concerns_hidden_before_merge_only_merged
  CHECK (hidden_before_merge IS NULL OR merged_into IS NOT NULL);
