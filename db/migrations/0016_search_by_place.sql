-- The regulator's search narrowed by place (docs/PERFORMANCE.md, "Search narrowed by place (round 2)"):
-- when a search names a place (near, radius, postal code), it takes the sites that match first, then reads each site's
-- soonest free slots of the profession from this index, in (starts_at, id) order, at most one page
-- per site: within one site the distance is the same for every slot, so the page is among them.
-- id is in the key so each site's slots come out in the order the page needs, without a sort.
CREATE INDEX slots_free_by_site_profession_start ON slots (site_id, profession, starts_at, id)
    INCLUDE (mode, visibility, practitioner_id, ends_at)
    WHERE status = 'free' AND site_id IS NOT NULL;

-- Siteless teleconsultation slots match every place: the search reads them apart, in the same order.
CREATE INDEX slots_free_siteless_by_profession_start ON slots (profession, starts_at, id)
    INCLUDE (mode, visibility, practitioner_id, ends_at)
    WHERE status = 'free' AND site_id IS NULL;
