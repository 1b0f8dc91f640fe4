-- SAS interface (ANS "Service d'Accès aux Soins" guide): appointment events sent back to the SAS platform.
-- Forward-only.

-- One row per (booking, event) of a booking made through the SAS channel: the outbox the INT_R03 sender
-- drains. Written by a trigger on bookings so that no use case can forget it; the UNIQUE constraint makes
-- each event exist once whatever happens (a replayed request, a second trigger firing).
CREATE TABLE sas_appointment_events (
    seq             bigserial PRIMARY KEY,             -- send order within a booking
    booking_id      uuid NOT NULL REFERENCES bookings (id),
    event           text NOT NULL CHECK (event IN ('booked', 'cancelled', 'fulfilled', 'noshow')),
    status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    occurred_at     timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    claimed_at      timestamptz,
    sent_at         timestamptz,
    last_error      text,
    CONSTRAINT sas_appointment_events_once UNIQUE (booking_id, event)
);
CREATE INDEX sas_appointment_events_due ON sas_appointment_events (next_attempt_at) WHERE status IN ('queued', 'sending');

CREATE FUNCTION bookings_sas_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ev text;
    at timestamptz;
BEGIN
    IF NEW.channel <> 'sas' THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.status = 'active' THEN
            ev := 'booked'; at := NEW.created_at;
        END IF;
    ELSIF NEW.status = 'cancelled' AND OLD.status <> 'cancelled' THEN
        ev := 'cancelled'; at := coalesce(NEW.cancelled_at, NEW.created_at);
    ELSIF NEW.outcome IS DISTINCT FROM OLD.outcome AND NEW.outcome IS NOT NULL THEN
        ev := CASE NEW.outcome WHEN 'attended' THEN 'fulfilled' ELSE 'noshow' END;
        at := coalesce(NEW.outcome_at, NEW.created_at);
    END IF;
    IF ev IS NOT NULL THEN
        INSERT INTO sas_appointment_events (booking_id, event, occurred_at, next_attempt_at)
        VALUES (NEW.id, ev, at, at)
        ON CONFLICT ON CONSTRAINT sas_appointment_events_once DO NOTHING;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER bookings_sas_events AFTER INSERT OR UPDATE OF status, outcome ON bookings
    FOR EACH ROW EXECUTE FUNCTION bookings_sas_events();

-- The SAS search reads free SAS-visible slots of a few practitioners over a period.
CREATE INDEX slots_sas_practitioner_start ON slots (practitioner_id, starts_at) WHERE visibility = 'sas';
-- The SMART Scheduling Links feed reads what changed since a point in time.
CREATE INDEX slots_sas_updated ON slots (updated_at) WHERE visibility = 'sas';
