-- Calendars both ways: secret .ics feeds out, busy times from the practitioners' own calendars in.

-- A subscription URL. Only the SHA-256 of its token is stored: the URL cannot be rebuilt from the database.
CREATE TABLE calendar_feeds (
    id              uuid PRIMARY KEY,
    token_hash      bytea NOT NULL,
    scope           text NOT NULL CHECK (scope IN ('practitioner', 'room', 'site')),
    scope_id        uuid NOT NULL,
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL,
    revoked_at      timestamptz,
    CONSTRAINT calendar_feeds_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX calendar_feeds_scope ON calendar_feeds (scope, scope_id);

-- A practitioner's own calendar: a URL polled every 15 minutes, or an uploaded file (imported once).
CREATE TABLE busy_calendars (
    id              uuid PRIMARY KEY,
    practitioner_id uuid NOT NULL REFERENCES practitioners (id),
    kind            text NOT NULL CHECK (kind IN ('url', 'file')),
    url             text,
    etag            text,
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL,
    -- Last full import (file read and busy times replaced); a URL is fetched without If-None-Match
    -- when this is older than 12 hours, so the expanded recurrences keep up with the moving horizon.
    imported_at     timestamptz,
    fetched_at      timestamptz,
    next_fetch_at   timestamptz,
    last_error      text,
    CONSTRAINT busy_calendars_url_when_url CHECK ((kind = 'url') = (url IS NOT NULL))
);
CREATE INDEX busy_calendars_practitioner ON busy_calendars (practitioner_id);
CREATE INDEX busy_calendars_due ON busy_calendars (next_fetch_at) WHERE kind = 'url';

-- Busy intervals expanded from a calendar over the publication horizon; replaced at each import.
-- They may overlap each other and booked slots (a personal calendar is not ours to police), so
-- they are not commitments: a trigger on slots refuses a new slot that overlaps one.
CREATE TABLE busy_times (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    practitioner_id uuid NOT NULL REFERENCES practitioners (id),
    calendar_id     uuid NOT NULL REFERENCES busy_calendars (id) ON DELETE CASCADE,
    during          tstzrange NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during))
);
CREATE INDEX busy_times_practitioner_during ON busy_times USING gist (practitioner_id, during);
CREATE INDEX busy_times_calendar ON busy_times (calendar_id);

-- What a practitioner must be told; the notifications feature sends them.
CREATE TABLE practitioner_notices (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind            text NOT NULL,
    practitioner_id uuid NOT NULL REFERENCES practitioners (id),
    slot_id         uuid REFERENCES slots (id),
    calendar_id     uuid REFERENCES busy_calendars (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz
);
-- One notice per slot and kind: a calendar polled every 15 minutes does not repeat itself.
CREATE UNIQUE INDEX practitioner_notices_once ON practitioner_notices (kind, slot_id) WHERE slot_id IS NOT NULL;
CREATE INDEX practitioner_notices_unsent ON practitioner_notices (created_at) WHERE sent_at IS NULL;

-- Refuses a period of a practitioner that overlaps one of their busy times (SQLSTATE 23P01,
-- constraint name busy_time_clash, mapped to 409). The practitioner row is share-locked so that
-- an import (which takes it FOR NO KEY UPDATE) and a publication never miss each other. Shifts and
-- teleconsultations can call it from their own BEFORE INSERT triggers.
CREATE FUNCTION refuse_busy_time(p_practitioner uuid, p_during tstzrange) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM practitioners WHERE id = p_practitioner FOR SHARE;
    IF EXISTS (SELECT 1 FROM busy_times WHERE practitioner_id = p_practitioner AND during && p_during) THEN
        RAISE EXCEPTION 'the period overlaps a busy time of the practitioner'
            USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'busy_time_clash';
    END IF;
END $$;

CREATE FUNCTION slots_refuse_busy_time() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refuse_busy_time(NEW.practitioner_id, tstzrange(NEW.starts_at, NEW.ends_at, '[)'));
    RETURN NEW;
END $$;

CREATE TRIGGER slots_refuse_busy_time BEFORE INSERT ON slots
    FOR EACH ROW WHEN (NEW.status <> 'withdrawn') EXECUTE FUNCTION slots_refuse_busy_time();
