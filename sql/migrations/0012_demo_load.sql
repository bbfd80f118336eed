-- The demo area's load (server/demo.ts): marked started before its first import and completed
-- after its last, so a first start cut short (killed while loading) is finished at the next one
-- instead of leaving half a demo. Each import is idempotent, so loading again is safe.
CREATE TABLE demo_load (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  started_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
