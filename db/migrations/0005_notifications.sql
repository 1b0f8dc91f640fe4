-- Notifications: the outbox every reminder and notice goes through, one row per
-- (kind, subject, recipient, subject time). The planner inserts rows derived from the agenda
-- (INSERT … SELECT … ON CONFLICT DO NOTHING), a job claims one row at a time (queued → sending)
-- and marks it sent, back to queued for a retry, or failed. Message texts carry no patient identity.

CREATE TABLE notifications (
    id           uuid PRIMARY KEY,
    -- booking-notice, patient-reminder-24h, patient-reminder-2h, booking-cancelled, and later
    -- shift-reminder-48h, open-shift-alert-7d, open-shift-alert-2d, teleconsultation-reminder-…
    kind         text NOT NULL CHECK (kind ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    subject_kind text NOT NULL CHECK (subject_kind IN ('booking', 'shift', 'teleconsultation', 'practitioner-notice')),
    subject_id   uuid NOT NULL,
    -- The subject's start when the row was planned: a subject moved to another time no longer
    -- holds, its queued rows are cancelled and the new time gets new rows (new ids, new keys).
    subject_at   timestamptz NOT NULL,
    -- A practitioner id, 'patient' or 'coordinator'.
    recipient    text NOT NULL,
    -- email or sms as planned from the contact data; outbox when Development kept it in the database.
    channel      text NOT NULL CHECK (channel IN ('email', 'sms', 'outbox')),
    due_at       timestamptz NOT NULL,
    -- When the next attempt may start (due_at, then later after a failed attempt).
    not_before   timestamptz NOT NULL,
    status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
    attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    claimed_at   timestamptz,
    enqueued_at  timestamptz,
    sent_at      timestamptz,
    cancelled_at timestamptz,
    -- What was sent (no patient identity in any text), and the last failure's kind (never its message).
    body         text,
    last_error   text,
    created_at   timestamptz NOT NULL,
    CONSTRAINT notifications_once UNIQUE (kind, subject_id, recipient, subject_at),
    CONSTRAINT notifications_sent_has_time CHECK (status <> 'sent' OR sent_at IS NOT NULL)
);
-- The dispatcher: due rows still to send.
CREATE INDEX notifications_due ON notifications (not_before) WHERE status IN ('queued', 'sending');
CREATE INDEX notifications_subject ON notifications (subject_id);
CREATE INDEX notifications_recipient ON notifications (recipient, due_at);

-- The retention job looks for bookings whose appointment ended long ago and still hold a patient.
CREATE INDEX bookings_identity_to_erase ON bookings (ends_at) WHERE patient_erased_at IS NULL;
