-- The dispatcher counts the notifications already handed to a send job (enqueued within the claim
-- timeout, still queued) before it hands out more. Without an index that count read every due row: with
-- a backlog of due notifications (after a stop, a booking storm) each dispatch read the whole backlog
-- (~37 ms at 86,000 due rows, docs/PERFORMANCE.md). This index holds only what is enqueued and still
-- queued: the count reads the last claim timeout's rows.
CREATE INDEX notifications_in_flight ON notifications (enqueued_at) WHERE status = 'queued' AND enqueued_at IS NOT NULL;
