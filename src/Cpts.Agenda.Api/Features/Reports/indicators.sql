-- ACI indicators over Paris-local days [@From, @To): one row per ISO week (Monday) and a totals
-- row (week IS NULL), from GROUPING SETS so distinct counts are right in both.
-- Nothing here reads patient identity: the figures survive the retention job.
WITH slot_rows AS (
    SELECT s.practitioner_id, s.status, s.ends_at,
           date_trunc('week', s.starts_at AT TIME ZONE @Tz)::date AS week
    FROM slots s
    WHERE s.status <> 'withdrawn' AND s.starts_at >= @From AND s.starts_at < @To
),
slot_figures AS (
    SELECT week,
           count(*) AS slots_published,
           count(DISTINCT practitioner_id) AS practitioners_publishing,
           count(*) FILTER (WHERE status = 'booked') AS slots_booked,
           count(*) FILTER (WHERE status = 'free' AND ends_at <= @Now) AS slots_unbooked
    FROM slot_rows GROUP BY GROUPING SETS ((week), ())
),
booking_rows AS (
    SELECT b.channel, b.patient_has_regular_doctor,
           date_trunc('week', b.starts_at AT TIME ZONE @Tz)::date AS week
    FROM bookings b
    WHERE b.status = 'active' AND b.starts_at >= @From AND b.starts_at < @To
),
tele_rows AS (
    SELECT t.site_id, t.patient_has_regular_doctor,
           date_trunc('week', t.starts_at AT TIME ZONE @Tz)::date AS week
    FROM teleconsultations t
    WHERE t.status = 'active' AND t.starts_at >= @From AND t.starts_at < @To
),
tele_figures AS (
    SELECT week, count(*) AS teleconsultations, count(*) FILTER (WHERE NOT patient_has_regular_doctor) AS tele_without_doctor
    FROM tele_rows GROUP BY GROUPING SETS ((week), ())
),
tele_sites AS (
    SELECT week, jsonb_agg(jsonb_build_object('siteId', site_id, 'count', n) ORDER BY site_id) AS by_site
    FROM (SELECT week, site_id, count(*) AS n FROM tele_rows WHERE site_id IS NOT NULL GROUP BY GROUPING SETS ((week, site_id), (site_id))) per_site
    GROUP BY week
),
booking_figures AS (
    SELECT week,
           count(*) FILTER (WHERE channel = 'sas') AS bookings_sas,
           count(*) FILTER (WHERE channel = 'nurse') AS bookings_nurse,
           count(*) FILTER (WHERE channel = 'pharmacist') AS bookings_pharmacist,
           count(*) FILTER (WHERE channel = 'practitioner') AS bookings_practitioner,
           count(*) FILTER (WHERE channel = 'cpts') AS bookings_cpts,
           count(*) AS patients_booked,
           count(*) FILTER (WHERE NOT patient_has_regular_doctor) AS patients_without_doctor
    FROM booking_rows GROUP BY GROUPING SETS ((week), ())
),
shift_rows AS (
    SELECT sh.assignee_id, date_trunc('week', sh.starts_at AT TIME ZONE @Tz)::date AS week
    FROM shifts sh
    WHERE sh.starts_at >= @From AND sh.starts_at < @To
),
shift_figures AS (
    SELECT week, count(*) AS shifts_total, count(*) FILTER (WHERE assignee_id IS NOT NULL) AS shifts_assigned
    FROM shift_rows GROUP BY GROUPING SETS ((week), ())
),
weeks AS (
    SELECT generate_series(date_trunc('week', @FromDate::timestamp), date_trunc('week', (@ToDate - 1)::timestamp), interval '7 days')::date AS week
    UNION ALL SELECT NULL
)
SELECT w.week,
       coalesce(s.slots_published, 0) AS slots_published,
       coalesce(s.practitioners_publishing, 0) AS practitioners_publishing,
       coalesce(s.slots_booked, 0) AS slots_booked,
       coalesce(s.slots_unbooked, 0) AS slots_unbooked,
       coalesce(b.bookings_sas, 0) AS bookings_sas,
       coalesce(b.bookings_nurse, 0) AS bookings_nurse,
       coalesce(b.bookings_pharmacist, 0) AS bookings_pharmacist,
       coalesce(b.bookings_practitioner, 0) AS bookings_practitioner,
       coalesce(b.bookings_cpts, 0) AS bookings_cpts,
       coalesce(b.patients_booked, 0) + coalesce(t.teleconsultations, 0) AS patients_booked,
       coalesce(b.patients_without_doctor, 0) + coalesce(t.tele_without_doctor, 0) AS patients_without_doctor,
       coalesce(t.teleconsultations, 0) AS teleconsultations,
       coalesce(ts.by_site, '[]'::jsonb)::text AS teleconsultations_by_site,
       coalesce(sh.shifts_total, 0) AS shifts_total,
       coalesce(sh.shifts_assigned, 0) AS shifts_assigned
FROM weeks w
LEFT JOIN slot_figures s ON s.week IS NOT DISTINCT FROM w.week
LEFT JOIN booking_figures b ON b.week IS NOT DISTINCT FROM w.week
LEFT JOIN shift_figures sh ON sh.week IS NOT DISTINCT FROM w.week
LEFT JOIN tele_figures t ON t.week IS NOT DISTINCT FROM w.week
LEFT JOIN tele_sites ts ON ts.week IS NOT DISTINCT FROM w.week
ORDER BY w.week NULLS LAST
