-- The regulator's search reads its index alone (index-only scan, no heap visit per candidate slot):
-- slots.id, which the search returns, joins the included columns. Measured with bench/ (docs/PERFORMANCE.md):
-- the plans that visited ~1,000 heap blocks per search now read the index only.
-- Same name as before, so plans and documentation keep naming it.
CREATE INDEX slots_free_by_profession_start_v2 ON slots (profession, starts_at)
    INCLUDE (id, site_id, mode, visibility, practitioner_id, ends_at)
    WHERE status = 'free';
DROP INDEX slots_free_by_profession_start;
ALTER INDEX slots_free_by_profession_start_v2 RENAME TO slots_free_by_profession_start;
