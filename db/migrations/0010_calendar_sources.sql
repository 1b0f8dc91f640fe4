-- Calendars wired to MMG shifts and teleconsultations.

-- Who last gave a shift back (release, swap or reassignment), and when: their feed keeps the shift
-- as STATUS:CANCELLED for the retention period so their calendar removes it. Only the last one is
-- kept: a shift given back twice in a row shows cancelled to the later of the two.
ALTER TABLE shifts ADD COLUMN released_by uuid REFERENCES practitioners (id),
                   ADD COLUMN released_at timestamptz;
CREATE INDEX shifts_released_by ON shifts (released_by, released_at) WHERE released_by IS NOT NULL;

CREATE FUNCTION shifts_remember_release() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.assignee_id IS NOT NULL AND OLD.assignee_id IS DISTINCT FROM NEW.assignee_id THEN
        NEW.released_by := OLD.assignee_id;
        NEW.released_at := NEW.updated_at;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER shifts_remember_release BEFORE UPDATE OF assignee_id ON shifts
    FOR EACH ROW EXECUTE FUNCTION shifts_remember_release();

-- Busy times from the practitioners' own calendars block shifts and teleconsultations as they block
-- SNP slots (23P01, constraint busy_time_clash): the assignee of a shift when it is assigned (or
-- moved), the nurse and the doctor of a teleconsultation when it is booked.
CREATE FUNCTION shifts_refuse_busy_time() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id
       OR OLD.starts_at <> NEW.starts_at OR OLD.ends_at <> NEW.ends_at THEN
        PERFORM refuse_busy_time(NEW.assignee_id, tstzrange(NEW.starts_at, NEW.ends_at, '[)'));
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER shifts_refuse_busy_time BEFORE INSERT OR UPDATE OF assignee_id, starts_at, ends_at ON shifts
    FOR EACH ROW WHEN (NEW.assignee_id IS NOT NULL) EXECUTE FUNCTION shifts_refuse_busy_time();

CREATE FUNCTION teleconsultations_refuse_busy_time() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR OLD.status <> 'active' THEN
        -- Nurse, then doctor: the order the commitments trigger takes them in.
        PERFORM refuse_busy_time(NEW.nurse_id, tstzrange(NEW.starts_at, NEW.ends_at, '[)'));
        PERFORM refuse_busy_time(NEW.doctor_id, tstzrange(NEW.starts_at, NEW.ends_at, '[)'));
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER teleconsultations_refuse_busy_time BEFORE INSERT OR UPDATE OF status ON teleconsultations
    FOR EACH ROW WHEN (NEW.status = 'active') EXECUTE FUNCTION teleconsultations_refuse_busy_time();

-- A practitioner's feed reads their teleconsultations as nurse or as doctor (the existing
-- (nurse_id, starts_at) and (doctor_id, starts_at) indexes); the room feed reads (room_id, starts_at).
