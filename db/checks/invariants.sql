-- Invariant checker: every row returned is a violation. Run by the tests after races and by the
-- fault scripts in bench/ after kills and restarts. Not a migration (DbUp applies db/migrations only).
SELECT 'overlapping commitments' AS violation, a.holder_kind || ' ' || a.holder_id || ': ' || a.source_kind || ' ' || a.source_id || ' and ' || b.source_kind || ' ' || b.source_id AS detail
FROM commitments a JOIN commitments b ON a.holder_id = b.holder_id AND a.id < b.id AND a.during && b.during
UNION ALL
SELECT 'slot with more than one active booking', slot_id::text
FROM bookings WHERE status = 'active' GROUP BY slot_id HAVING count(*) > 1
UNION ALL
SELECT 'booked slot without an active booking', s.id::text
FROM slots s WHERE s.status = 'booked' AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.id AND b.status = 'active')
UNION ALL
SELECT 'active booking of a slot that is not booked', b.id::text
FROM bookings b JOIN slots s ON s.id = b.slot_id WHERE b.status = 'active' AND s.status <> 'booked'
UNION ALL
SELECT 'slot without its commitment', s.id::text
FROM slots s WHERE s.status <> 'withdrawn' AND NOT EXISTS (SELECT 1 FROM commitments c WHERE c.source_kind = 'slot' AND c.source_id = s.id)
UNION ALL
SELECT 'commitment of a withdrawn or missing slot', c.source_id::text
FROM commitments c WHERE c.source_kind = 'slot' AND NOT EXISTS (SELECT 1 FROM slots s WHERE s.id = c.source_id AND s.status <> 'withdrawn');
