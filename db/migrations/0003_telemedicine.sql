-- Cpts.Agenda: telemedicine cabinets and assisted teleconsultations.
-- A teleconsultation holds a room (when it takes place in a cabinet), a nurse and a remote doctor
-- at the same time: its trigger writes one commitments row for each, so none of the three can be
-- in two places at once, whatever else the agenda holds for them (SNP slots, shifts, ...).

CREATE TABLE teleconsultations (
    id                           uuid PRIMARY KEY,
    -- NULL: an assisted teleconsultation at the patient's home or in a nursing home (nurse + doctor only).
    room_id                      uuid REFERENCES rooms (id),
    -- Copied from the room, so that the coordinator's view of a site reads one index.
    site_id                      uuid REFERENCES sites (id),
    nurse_id                     uuid NOT NULL REFERENCES practitioners (id),
    doctor_id                    uuid NOT NULL REFERENCES practitioners (id),
    starts_at                    timestamptz NOT NULL,
    ends_at                      timestamptz NOT NULL,
    -- The partner institution the booking is made for (may use that partner's reserved blocks).
    holder                       text,
    status                       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
    patient_first_name           text,
    patient_last_name            text,
    patient_birth_date           date,
    patient_phone                text,
    patient_has_regular_doctor   boolean NOT NULL,
    reason                       text,
    patient_erased_at            timestamptz,
    booked_by                    text NOT NULL,
    booked_by_role               text NOT NULL,
    outcome                      text CHECK (outcome IN ('attended', 'no-show')),
    reoriented_to_regular_doctor boolean,
    cancel_reason                text,
    created_at                   timestamptz NOT NULL,
    cancelled_at                 timestamptz,
    outcome_at                   timestamptz,
    CONSTRAINT teleconsultations_end_after_start CHECK (ends_at > starts_at),
    CONSTRAINT teleconsultations_nurse_is_not_doctor CHECK (nurse_id <> doctor_id),
    CONSTRAINT teleconsultations_site_with_room CHECK ((room_id IS NULL) = (site_id IS NULL)),
    CONSTRAINT teleconsultations_patient_present CHECK (
        patient_erased_at IS NOT NULL OR (patient_first_name IS NOT NULL AND patient_last_name IS NOT NULL AND patient_birth_date IS NOT NULL))
);
CREATE INDEX teleconsultations_nurse_start ON teleconsultations (nurse_id, starts_at);
CREATE INDEX teleconsultations_doctor_start ON teleconsultations (doctor_id, starts_at);
CREATE INDEX teleconsultations_room_start ON teleconsultations (room_id, starts_at) WHERE room_id IS NOT NULL;
CREATE INDEX teleconsultations_site_start ON teleconsultations (site_id, starts_at) WHERE site_id IS NOT NULL;
CREATE INDEX teleconsultations_start ON teleconsultations (starts_at);

-- Active: the room (if any), the nurse and the doctor are held. Cancelled: all of them are free again.
CREATE FUNCTION teleconsultations_hold_commitments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_OP = 'INSERT' AND NEW.status = 'active') OR
       (TG_OP = 'UPDATE' AND NEW.status = 'active' AND OLD.status <> 'active') THEN
        -- Always room, then nurse, then doctor: concurrent bookings take the holders in one order.
        IF NEW.room_id IS NOT NULL THEN
            INSERT INTO commitments (holder_id, holder_kind, during, source_kind, source_id)
            VALUES (NEW.room_id, 'room', tstzrange(NEW.starts_at, NEW.ends_at, '[)'), 'teleconsultation', NEW.id);
        END IF;
        INSERT INTO commitments (holder_id, holder_kind, during, source_kind, source_id)
        VALUES (NEW.nurse_id, 'practitioner', tstzrange(NEW.starts_at, NEW.ends_at, '[)'), 'teleconsultation', NEW.id),
               (NEW.doctor_id, 'practitioner', tstzrange(NEW.starts_at, NEW.ends_at, '[)'), 'teleconsultation', NEW.id);
    ELSIF TG_OP = 'UPDATE' AND NEW.status <> 'active' AND OLD.status = 'active' THEN
        DELETE FROM commitments WHERE source_kind = 'teleconsultation' AND source_id = NEW.id;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER teleconsultations_hold_commitments AFTER INSERT OR UPDATE OF status ON teleconsultations
    FOR EACH ROW EXECUTE FUNCTION teleconsultations_hold_commitments();

-- The times of a teleconsultation never move once booked: cancel and book again instead.
CREATE FUNCTION teleconsultations_times_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.starts_at <> OLD.starts_at OR NEW.ends_at <> OLD.ends_at OR NEW.room_id IS DISTINCT FROM OLD.room_id
       OR NEW.nurse_id <> OLD.nurse_id OR NEW.doctor_id <> OLD.doctor_id THEN
        RAISE EXCEPTION 'The time, room, nurse and doctor of a teleconsultation cannot change; cancel it and book again.'
            USING ERRCODE = 'integrity_constraint_violation', CONSTRAINT = 'teleconsultations_times_fixed';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER teleconsultations_times_fixed BEFORE UPDATE OF starts_at, ends_at, room_id, nurse_id, doctor_id ON teleconsultations
    FOR EACH ROW EXECUTE FUNCTION teleconsultations_times_fixed();

-- A weekly block of a room reserved for a partner institution (e.g. an institution for disabled
-- people every Tuesday 14:00-16:00). Not a commitment: it recurs without end and the partner's own
-- bookings (and the coordinator's) may use it. Paris local times, ISO day numbers (1 = Monday).
CREATE TABLE room_reservations (
    id           uuid PRIMARY KEY,
    room_id      uuid NOT NULL REFERENCES rooms (id),
    day_of_week  integer NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
    -- Minutes since local midnight, [start_minute, end_minute); 1440 is the end of the day.
    start_minute integer NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   integer NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    holder       text NOT NULL,
    valid_from   date NOT NULL,
    valid_to     date,
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL,
    CONSTRAINT room_reservations_end_after_start CHECK (end_minute > start_minute),
    CONSTRAINT room_reservations_to_after_from CHECK (valid_to IS NULL OR valid_to >= valid_from),
    -- Two partners never hold the same room at the same weekly time.
    CONSTRAINT room_reservations_no_overlap EXCLUDE USING gist (
        room_id WITH =, day_of_week WITH =,
        int4range(start_minute, end_minute, '[)') WITH &&,
        daterange(valid_from, valid_to, '[]') WITH &&)
);
