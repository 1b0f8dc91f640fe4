-- Cpts.Agenda: directory, SNP slots, bookings and the commitments that make double-booking impossible.
-- Forward-only: never edit a migration that has shipped, add the next number.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE practitioners (
    id                   uuid PRIMARY KEY,
    rpps                 text NOT NULL CHECK (rpps ~ '^[0-9]{11}$'),
    first_name           text NOT NULL,
    last_name            text NOT NULL,
    profession           text NOT NULL CHECK (profession IN
                             ('generalist', 'nurse', 'physiotherapist', 'pharmacist', 'midwife', 'speech-therapist', 'other')),
    email                text,
    phone                text,
    accepts_new_patients boolean NOT NULL DEFAULT false,
    postal_code          text,
    created_at           timestamptz NOT NULL,
    CONSTRAINT practitioners_rpps_key UNIQUE (rpps)
);

CREATE TABLE sites (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('practice', 'mmg', 'telemedicine')),
    address     text NOT NULL,
    postal_code text NOT NULL,
    city        text NOT NULL,
    latitude    double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude   double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    created_at  timestamptz NOT NULL
);

CREATE TABLE rooms (
    id              uuid PRIMARY KEY,
    site_id         uuid NOT NULL REFERENCES sites (id),
    name            text NOT NULL,
    slot_minutes    integer NOT NULL DEFAULT 30 CHECK (slot_minutes BETWEEN 5 AND 240),
    min_patient_age integer NOT NULL DEFAULT 6 CHECK (min_patient_age BETWEEN 0 AND 120),
    -- [{"dayOfWeek": 1, "start": "08:30", "end": "12:30"}], Paris local times, ISO day numbers (1 = Monday).
    opening_hours   jsonb NOT NULL DEFAULT '[]',
    created_at      timestamptz NOT NULL
);
CREATE INDEX rooms_site ON rooms (site_id);

-- Every period during which a person or a room is held, whatever feature holds it.
-- One exclusion constraint: nobody and no room is ever in two places at once.
-- Rows are written by triggers on the tables that hold time (slots, and later shifts and
-- teleconsultations), so no use case can forget them.
CREATE TABLE commitments (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    holder_id   uuid NOT NULL,
    holder_kind text NOT NULL CHECK (holder_kind IN ('practitioner', 'room')),
    during      tstzrange NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
    source_kind text NOT NULL,
    source_id   uuid NOT NULL,
    CONSTRAINT commitments_no_overlap EXCLUDE USING gist (holder_id WITH =, during WITH &&)
);
CREATE INDEX commitments_source ON commitments (source_id);

CREATE TABLE slots (
    id              uuid PRIMARY KEY,
    practitioner_id uuid NOT NULL REFERENCES practitioners (id),
    -- Copied from the practitioner so that the regulator's search reads one index.
    profession      text NOT NULL,
    site_id         uuid REFERENCES sites (id),
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL,
    mode            text NOT NULL CHECK (mode IN ('in-person', 'teleconsultation', 'home-visit')),
    visibility      text NOT NULL CHECK (visibility IN ('cpts', 'sas')),
    status          text NOT NULL DEFAULT 'free' CHECK (status IN ('free', 'booked', 'withdrawn')),
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    CONSTRAINT slots_end_after_start CHECK (ends_at > starts_at),
    CONSTRAINT slots_site_unless_teleconsultation CHECK (site_id IS NOT NULL OR mode = 'teleconsultation')
);
-- The regulator's search: free slots of a profession, soonest first.
CREATE INDEX slots_free_by_profession_start ON slots (profession, starts_at) INCLUDE (site_id, mode, visibility, practitioner_id, ends_at)
    WHERE status = 'free';
CREATE INDEX slots_practitioner_start ON slots (practitioner_id, starts_at);

CREATE FUNCTION slots_hold_commitment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'withdrawn' THEN
            INSERT INTO commitments (holder_id, holder_kind, during, source_kind, source_id)
            VALUES (NEW.practitioner_id, 'practitioner', tstzrange(NEW.starts_at, NEW.ends_at, '[)'), 'slot', NEW.id);
        END IF;
    ELSIF NEW.status = 'withdrawn' AND OLD.status <> 'withdrawn' THEN
        DELETE FROM commitments WHERE source_kind = 'slot' AND source_id = NEW.id;
    ELSIF NEW.status <> 'withdrawn' AND OLD.status = 'withdrawn' THEN
        INSERT INTO commitments (holder_id, holder_kind, during, source_kind, source_id)
        VALUES (NEW.practitioner_id, 'practitioner', tstzrange(NEW.starts_at, NEW.ends_at, '[)'), 'slot', NEW.id);
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER slots_hold_commitment AFTER INSERT OR UPDATE OF status ON slots
    FOR EACH ROW EXECUTE FUNCTION slots_hold_commitment();

CREATE TABLE bookings (
    id                           uuid PRIMARY KEY,
    slot_id                      uuid NOT NULL REFERENCES slots (id),
    practitioner_id              uuid NOT NULL REFERENCES practitioners (id),
    starts_at                    timestamptz NOT NULL,
    ends_at                      timestamptz NOT NULL,
    channel                      text NOT NULL CHECK (channel IN ('sas', 'nurse', 'pharmacist', 'practitioner', 'cpts')),
    status                       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
    -- Patient identity: the least the reminder needs. Erased by the retention job (patient_erased_at).
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
    CONSTRAINT bookings_patient_present CHECK (
        patient_erased_at IS NOT NULL OR (patient_first_name IS NOT NULL AND patient_last_name IS NOT NULL AND patient_birth_date IS NOT NULL))
);
-- A slot has at most one active booking: the database, not the code, settles a race.
CREATE UNIQUE INDEX bookings_one_active_per_slot ON bookings (slot_id) WHERE status = 'active';
CREATE INDEX bookings_practitioner_start ON bookings (practitioner_id, starts_at);
CREATE INDEX bookings_start ON bookings (starts_at);

-- Idempotency-Key: the same key and body from the same caller within 24 h returns the first result.
CREATE TABLE idempotency_keys (
    actor         text NOT NULL,
    key           text NOT NULL,
    request_hash  text NOT NULL,
    resource_kind text NOT NULL,
    resource_id   uuid NOT NULL,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (actor, key)
);

-- Great-circle distance in kilometres (haversine), used by the availability search.
CREATE FUNCTION distance_km(lat1 double precision, lon1 double precision, lat2 double precision, lon2 double precision)
    RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT 2 * 6371.0088 * asin(sqrt(
        power(sin(radians(lat2 - lat1) / 2), 2) +
        cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2)))
$$;
