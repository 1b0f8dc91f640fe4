-- Notification plans for shifts, teleconsultations and practitioner notices; retention of teleconsultations.

-- The retention job looks for teleconsultations that ended long ago and still hold a patient (as for bookings).
CREATE INDEX teleconsultations_identity_to_erase ON teleconsultations (ends_at) WHERE patient_erased_at IS NULL;
