-- MMG shifts: the on-call roster of the maison médicale de garde, and swaps between practitioners.
-- A shift is open (no assignee) or assigned; an assigned shift holds its assignee's time through
-- a commitments row written by a trigger, so nobody takes a shift that overlaps their SNP slot,
-- teleconsultation or another shift (23P01).

CREATE TABLE shifts (
    id          uuid PRIMARY KEY,
    site_id     uuid NOT NULL REFERENCES sites (id),
    profession  text NOT NULL CHECK (profession IN
                    ('generalist', 'nurse', 'physiotherapist', 'pharmacist', 'midwife', 'speech-therapist', 'other')),
    -- The template period it came from ("evening", "day", ...) and the template's name.
    period      text NOT NULL,
    template    text NOT NULL,
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL,
    assignee_id uuid REFERENCES practitioners (id),
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT shifts_end_after_start CHECK (ends_at > starts_at),
    -- Generating a roster twice never duplicates a shift: INSERT ... ON CONFLICT DO NOTHING on this key.
    CONSTRAINT shifts_site_profession_start_key UNIQUE (site_id, profession, starts_at)
);
CREATE INDEX shifts_start ON shifts (starts_at, id);
CREATE INDEX shifts_site_start ON shifts (site_id, starts_at, id);
CREATE INDEX shifts_assignee_start ON shifts (assignee_id, starts_at) WHERE assignee_id IS NOT NULL;

-- Insert on assignment, delete on release, move on reassignment or swap.
CREATE FUNCTION shifts_hold_commitment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.assignee_id IS NOT NULL THEN
            INSERT INTO commitments (holder_id, holder_kind, during, source_kind, source_id)
            VALUES (NEW.assignee_id, 'practitioner', tstzrange(NEW.starts_at, NEW.ends_at, '[)'), 'shift', NEW.id);
        END IF;
        RETURN NEW;
    ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM commitments WHERE source_kind = 'shift' AND source_id = OLD.id;
        RETURN OLD;
    END IF;
    -- UPDATE
    IF OLD.assignee_id IS NOT DISTINCT FROM NEW.assignee_id
       AND OLD.starts_at = NEW.starts_at AND OLD.ends_at = NEW.ends_at THEN
        RETURN NEW;
    END IF;
    IF NEW.assignee_id IS NULL THEN
        DELETE FROM commitments WHERE source_kind = 'shift' AND source_id = NEW.id;
    ELSIF OLD.assignee_id IS NULL THEN
        INSERT INTO commitments (holder_id, holder_kind, during, source_kind, source_id)
        VALUES (NEW.assignee_id, 'practitioner', tstzrange(NEW.starts_at, NEW.ends_at, '[)'), 'shift', NEW.id);
    ELSE
        UPDATE commitments SET holder_id = NEW.assignee_id, during = tstzrange(NEW.starts_at, NEW.ends_at, '[)')
        WHERE source_kind = 'shift' AND source_id = NEW.id;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER shifts_hold_commitment AFTER INSERT OR UPDATE OF assignee_id, starts_at, ends_at OR DELETE ON shifts
    FOR EACH ROW EXECUTE FUNCTION shifts_hold_commitment();

-- The assignee asks another practitioner to take their shift; accepting moves the shift atomically.
-- shift_version is the shift's version when asked: if the shift changed since, accepting fails (409).
CREATE TABLE swap_requests (
    id                   uuid PRIMARY KEY,
    shift_id             uuid NOT NULL REFERENCES shifts (id),
    from_practitioner_id uuid NOT NULL REFERENCES practitioners (id),
    to_practitioner_id   uuid NOT NULL REFERENCES practitioners (id),
    shift_version        integer NOT NULL,
    status               text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'expired')),
    created_at           timestamptz NOT NULL,
    decided_at           timestamptz,
    CONSTRAINT swap_requests_not_to_self CHECK (from_practitioner_id <> to_practitioner_id)
);
CREATE UNIQUE INDEX swap_requests_one_pending ON swap_requests (shift_id, to_practitioner_id) WHERE status = 'pending';
CREATE INDEX swap_requests_to ON swap_requests (to_practitioner_id, status);
