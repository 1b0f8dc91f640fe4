-- The directory the coordinator keeps: where a practitioner practises (from the Annuaire Santé or
-- typed), and whether they still belong to the CPTS. A practitioner who left is deactivated, never
-- deleted: their slots, bookings, shifts and teleconsultations stay for history and figures.

ALTER TABLE practitioners
    ADD COLUMN specialty        text,
    ADD COLUMN practice_name    text,
    ADD COLUMN practice_address text,
    ADD COLUMN city             text,
    ADD COLUMN commune_code     text,
    ADD COLUMN practice_phone   text,
    ADD COLUMN active           boolean NOT NULL DEFAULT true,
    ADD COLUMN deactivated_at   timestamptz,
    ADD COLUMN imported_at      timestamptz,
    ADD COLUMN updated_at       timestamptz,
    ADD CONSTRAINT practitioners_deactivated_when_inactive CHECK (active = (deactivated_at IS NULL));

-- Nobody inactive takes a new commitment (slot, shift, teleconsultation), whatever the code does.
-- The practitioner row is share-locked: a deactivation (which updates it) and a new commitment never
-- miss each other; the deactivation then withdraws the free slots left in the future.
CREATE FUNCTION commitments_refuse_inactive() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    is_active boolean;
BEGIN
    IF NEW.holder_kind = 'practitioner' THEN
        SELECT active INTO is_active FROM practitioners WHERE id = NEW.holder_id FOR SHARE;
        IF is_active IS FALSE THEN
            RAISE EXCEPTION 'the practitioner is no longer active in the CPTS'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'practitioner_inactive';
        END IF;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER commitments_refuse_inactive BEFORE INSERT OR UPDATE OF holder_id ON commitments
    FOR EACH ROW EXECUTE FUNCTION commitments_refuse_inactive();

-- The directory page lists by name.
CREATE INDEX practitioners_active_name ON practitioners (last_name, id) WHERE active;
