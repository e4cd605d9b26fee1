-- The events of one slice after an offset, found by tag (issue 14: the read-side lag in readiness).
-- The key (event_id, tag) answers "which tags has this event"; without this index, "which events
-- after N has this tag" reads every event after N of every slice.
CREATE INDEX IF NOT EXISTS "event_tag_tag_idx" ON "event_tag" ("tag", "event_id");
