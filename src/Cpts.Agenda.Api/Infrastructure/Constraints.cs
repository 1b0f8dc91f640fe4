using System.Collections.Frozen;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// What a 409 or 422 says when PostgreSQL refuses a write: one message per exclusion, unique and check
/// constraint of the schema (and per constraint name a trigger raises), immutable and complete. A test
/// reads every constraint of the migrated database and fails on one missing here: a migration that adds
/// a constraint adds its message in the same change. Messages never echo the values written.
/// </summary>
public static class Constraints
{
    public const string Fallback = "The request conflicts with the current state of the agenda.";

    public static readonly FrozenDictionary<string, string> Messages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Nobody and nothing twice: exclusion and unique constraints, unique indexes (409).
        ["commitments_no_overlap"] = "That time overlaps another commitment (slot, shift or teleconsultation) of the same person or room.",
        [BusyTimeClash.Constraint] = BusyTimeClash.Message,
        ["bookings_one_active_per_slot"] = "The slot is already booked.",
        ["practitioners_rpps_key"] = "A practitioner with this RPPS already exists.",
        ["idempotency_keys_pkey"] = "A request with the same Idempotency-Key is being processed.",
        ["shifts_site_profession_start_key"] = "A shift of this profession already starts at that time on this site.",
        ["swap_requests_one_pending"] = "A swap request of this shift to this practitioner is already pending.",
        ["room_reservations_no_overlap"] = "The room already has a reserved block on that weekday at an overlapping time and period.",
        ["members_practitioner_key"] = "This practitioner is already a member.",
        ["members_national_id_key"] = "A member with this national identifier already exists.",
        ["members_email_key"] = "A member with this e-mail address already exists.",
        ["members_practitioner_role"] = "A practitioner or nurse member must be linked to a practitioner of the directory.",
        ["members_role_check"] = "The role must be coordinator, practitioner, nurse, regulator or secretary.",
        ["sas_appointment_events_once"] = "This appointment event is already recorded.",
        ["calendar_feeds_token_hash_key"] = "This feed token is already in use.",
        ["notifications_once"] = "This notification is already planned.",
        ["practitioner_notices_once"] = "This notice is already recorded.",

        // Rules the schema checks (422): the use cases check them first, these are the last line.
        ["practitioner_inactive"] = "The practitioner is no longer active in the CPTS.",
        ["practitioners_deactivated_when_inactive"] = "A practitioner is deactivated exactly when no longer active.",
        ["teleconsultations_times_fixed"] = "The time, room, nurse and doctor of a teleconsultation cannot change; cancel it and book again.",
        ["practitioners_rpps_check"] = "An RPPS number is 11 digits.",
        ["practitioners_profession_check"] = "The profession is not one the agenda knows.",
        ["sites_kind_check"] = "A site is a practice, an MMG or a telemedicine site.",
        ["sites_latitude_check"] = "A latitude is between -90 and 90 degrees.",
        ["sites_longitude_check"] = "A longitude is between -180 and 180 degrees.",
        ["rooms_slot_minutes_check"] = "A room's grid is between 5 and 240 minutes.",
        ["rooms_min_patient_age_check"] = "A room's minimum patient age is between 0 and 120.",
        ["commitments_holder_kind_check"] = "A commitment belongs to a practitioner or a room.",
        ["commitments_during_check"] = "A commitment is a non-empty period.",
        ["slots_mode_check"] = "A slot is in person, a teleconsultation or a home visit.",
        ["slots_visibility_check"] = "A slot is published for the CPTS or for the SAS.",
        ["slots_status_check"] = "A slot is free, booked or withdrawn.",
        ["slots_end_after_start"] = "A slot ends after it starts.",
        ["slots_site_unless_teleconsultation"] = "A slot in person or a home visit needs a site.",
        ["bookings_channel_check"] = "The booking channel is not one the agenda knows.",
        ["bookings_status_check"] = "A booking is active or cancelled.",
        ["bookings_outcome_check"] = "An outcome is attended or no-show.",
        ["bookings_patient_present"] = "A booking needs the patient's identity.",
        ["shifts_profession_check"] = "The profession is not one the agenda knows.",
        ["shifts_end_after_start"] = "A shift ends after it starts.",
        ["swap_requests_status_check"] = "A swap request is pending, accepted, declined or expired.",
        ["swap_requests_not_to_self"] = "A shift cannot be swapped with oneself.",
        ["teleconsultations_status_check"] = "A teleconsultation is active or cancelled.",
        ["teleconsultations_outcome_check"] = "An outcome is attended or no-show.",
        ["teleconsultations_end_after_start"] = "A teleconsultation ends after it starts.",
        ["teleconsultations_nurse_is_not_doctor"] = "The nurse and the doctor of a teleconsultation are two people.",
        ["teleconsultations_site_with_room"] = "A teleconsultation in a cabinet names its room and site; one at home names neither.",
        ["teleconsultations_patient_present"] = "A teleconsultation needs the patient's identity.",
        ["room_reservations_day_of_week_check"] = "dayOfWeek is 1 (Monday) to 7 (Sunday).",
        ["room_reservations_start_minute_check"] = "A reserved block starts within the day.",
        ["room_reservations_end_minute_check"] = "A reserved block ends within the day (24:00 at the latest).",
        ["room_reservations_end_after_start"] = "A reserved block ends after it starts.",
        ["room_reservations_to_after_from"] = "A reservation's last day is on or after its first.",
        ["calendar_feeds_scope_check"] = "A feed shows a practitioner, a room or a site.",
        ["busy_calendars_kind_check"] = "A busy calendar is a URL or a file.",
        ["busy_calendars_url_when_url"] = "A URL calendar has a URL, a file calendar none.",
        ["busy_times_during_check"] = "A busy time is a non-empty period.",
        ["notifications_kind_check"] = "A notification kind is lower-case words joined by dashes.",
        ["notifications_subject_kind_check"] = "A notification concerns a booking, a shift, a teleconsultation or a notice.",
        ["notifications_channel_check"] = "A notification goes by email, SMS or the outbox.",
        ["notifications_status_check"] = "A notification is queued, sending, sent, failed or cancelled.",
        ["notifications_attempts_check"] = "A notification's attempts are never negative.",
        ["notifications_sent_has_time"] = "A sent notification has its sending time.",
        ["sas_appointment_events_event_check"] = "An appointment event is booked, cancelled, fulfilled or noshow.",
        ["sas_appointment_events_status_check"] = "An appointment event is queued, sending, sent or failed.",
        ["audit_events_outcome_check"] = "An audit event is done or refused.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryDescribe(string constraint, out string message) => Messages.TryGetValue(constraint, out message!);

    public static string Describe(string? constraint) =>
        constraint is not null && Messages.TryGetValue(constraint, out var m) ? m : Fallback;
}
