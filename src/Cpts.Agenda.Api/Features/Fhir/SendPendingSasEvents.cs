using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>
/// INT_R03 (guide pages "11 - Création de rendez-vous" and "12 - Mise à jour de rendez-vous"): drains the
/// sas_appointment_events outbox the bookings trigger fills. Each event is claimed queued → sending in one
/// statement (SKIP LOCKED: two senders never take the same row), sent, then marked sent; a failure goes back
/// to queued with an exponential delay until Sas:MaxAttempts, then failed. Events of one booking go out in
/// order (a cancellation never overtakes its creation). Run every minute by the Hangfire job
/// <see cref="SasJobs"/> and called directly by tests.
/// Side effects: outbound HTTP to the SAS platform (an Appointment POSTed or PUT per event); updates
/// sas_appointment_events (status, attempts, error); no audit; triggers: none.
/// </summary>
public static class SendPendingSasEvents
{
    public const string FrAppointmentSasProfile = "http://sas.fr/fhir/StructureDefinition/FrAppointmentSAS";
    public const string OperatorExtension = "http://interopsante.org/fhir/StructureDefinition/FrAppointmentOperator";
    public const string SasTechnicalIdSystem = "urn:oid:1.2.250.1.213.3.6";

    public sealed record Command(int Batch = 50) : IRequest<Report>;

    public sealed record Report(int Sent, int Retrying, int Failed);

    private const string Claim = """
        UPDATE sas_appointment_events e SET status = 'sending', attempts = e.attempts + 1, claimed_at = @Now
        WHERE e.seq IN (
            SELECT q.seq FROM sas_appointment_events q
            WHERE ((q.status = 'queued' AND q.next_attempt_at <= @Now) OR (q.status = 'sending' AND q.claimed_at < @Stale))
              AND NOT EXISTS (SELECT 1 FROM sas_appointment_events p
                              WHERE p.booking_id = q.booking_id AND p.seq < q.seq AND p.status IN ('queued', 'sending'))
            ORDER BY q.seq
            LIMIT @Batch
            FOR UPDATE SKIP LOCKED)
        RETURNING e.seq, e.booking_id, e.event, e.attempts
        """;

    private const string Bookings = """
        SELECT b.id, b.starts_at, b.ends_at, b.created_at, b.booked_by, p.rpps
        FROM bookings b JOIN practitioners p ON p.id = b.practitioner_id
        WHERE b.id = ANY(@Ids)
        """;

    private sealed class Claimed
    {
        public long Seq { get; init; }
        public Guid BookingId { get; init; }
        public string Event { get; init; } = "";
        public int Attempts { get; init; }
    }

    private sealed class BookingFacts
    {
        public Guid Id { get; init; }
        public DateTimeOffset StartsAt { get; init; }
        public DateTimeOffset EndsAt { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string BookedBy { get; init; } = "";
        public string Rpps { get; init; } = "";
    }

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock, ISasAppointmentSender sender, IOptions<SasOptions> options,
        IOptions<PublicUrlOptions> publicUrl, ILogger<Handler> logger) : IRequestHandler<Command, Report>
    {
        public async ValueTask<Report> Handle(Command command, CancellationToken ct)
        {
            var (sent, retrying, failed) = (0, 0, 0);
            if (string.IsNullOrWhiteSpace(options.Value.AppointmentEndpoint)) return new Report(0, 0, 0);
            // A booking's next event becomes claimable once the previous one is sent: a few rounds drain a burst.
            for (var round = 0; round < 10; round++)
            {
                var now = clock.GetUtcNow();
                List<Claimed> claimed;
                List<BookingFacts> facts;
                await using (var c = await db.OpenConnectionAsync(ct))
                {
                    claimed = (await c.QueryAsync<Claimed>(new CommandDefinition(Claim,
                        new { Now = now, Stale = now.AddMinutes(-10), command.Batch }, cancellationToken: ct))).ToList();
                    if (claimed.Count == 0) break;
                    facts = (await c.QueryAsync<BookingFacts>(new CommandDefinition(Bookings,
                        new { Ids = claimed.Select(e => e.BookingId).Distinct().ToArray() }, cancellationToken: ct))).ToList();
                }
                var byId = facts.ToDictionary(f => f.Id);
                foreach (var e in claimed)
                {
                    string? error = null;
                    try
                    {
                        await sender.SendAsync(Message(e, byId[e.BookingId]), ct);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        error = ex is HttpRequestException { StatusCode: { } code } ? $"HTTP {(int)code}" : ex.GetType().Name;
                    }
                    await using var c = await db.OpenConnectionAsync(ct);
                    if (error is null)
                    {
                        await c.ExecuteAsync(new CommandDefinition(
                            "UPDATE sas_appointment_events SET status = 'sent', sent_at = @Now, last_error = NULL WHERE seq = @Seq",
                            new { Now = clock.GetUtcNow(), e.Seq }, cancellationToken: ct));
                        sent++;
                        continue;
                    }
                    var giveUp = e.Attempts >= options.Value.MaxAttempts;
                    var delay = TimeSpan.FromMinutes(Math.Min(Math.Pow(2, e.Attempts - 1), 360));
                    await c.ExecuteAsync(new CommandDefinition("""
                        UPDATE sas_appointment_events SET status = @Status, next_attempt_at = @Next, last_error = @Error WHERE seq = @Seq
                        """, new { Status = giveUp ? "failed" : "queued", Next = clock.GetUtcNow() + delay, Error = error, e.Seq }, cancellationToken: ct));
                    logger.LogWarning("SAS appointment event {Event} of booking {BookingId} not delivered (attempt {Attempt}): {Error}",
                        e.Event, e.BookingId, e.Attempts, error);
                    if (giveUp) failed++; else retrying++;
                }
            }
            return new Report(sent, retrying, failed);
        }

        private SasAppointmentMessage Message(Claimed e, BookingFacts b)
        {
            var system = options.Value.AppointmentIdentifierSystem is { Length: > 0 } s ? s : publicUrl.Value.ForSas() + "/sas/appointments";
            var appointment = new Appointment
            {
                Meta = new Meta { Profile = [FrAppointmentSasProfile] },
                Identifier = [new Identifier(system, b.Id.ToString())],
                Status = e.Event switch
                {
                    "cancelled" => Appointment.AppointmentStatus.Cancelled,
                    "fulfilled" => Appointment.AppointmentStatus.Fulfilled,
                    "noshow" => Appointment.AppointmentStatus.Noshow,
                    _ => Appointment.AppointmentStatus.Booked,
                },
                StartElement = new Instant(Paris.ToLocal(b.StartsAt)),
                EndElement = new Instant(Paris.ToLocal(b.EndsAt)),
                // When the regulator booked (must-support in FrAppointmentSAS, in every example of the guide).
                CreatedElement = new FhirDateTime(Paris.ToLocal(b.CreatedAt)),
                Participant =
                [
                    new Appointment.ParticipantComponent
                    {
                        Actor = new ResourceReference { Identifier = SasResources.RppsIdentifier(b.Rpps) },
                        Status = ParticipationStatus.Accepted,
                    },
                ],
            };
            appointment.Extension.Add(new Extension(OperatorExtension, new ResourceReference { Identifier = Operator(b.BookedBy) }));
            return e.Event == "booked"
                ? new SasAppointmentMessage(b.Id, e.Event, HttpMethod.Post, "Appointment", appointment)
                : new SasAppointmentMessage(b.Id, e.Event, HttpMethod.Put, "Appointment?identifier=" + Uri.EscapeDataString($"{system}|{b.Id}"), appointment);
        }

        /// <summary>The regulator who booked: national id (IDNPS) when the token's subject is one, else the SAS technical id (INTRN).</summary>
        private static Identifier Operator(string subject)
        {
            var national = subject.Length >= 10 && subject.All(ch => char.IsAsciiDigit(ch) || ch == '/');
            return national
                ? new Identifier(SasResources.RppsSystem, subject) { Type = new CodeableConcept(SasResources.V20203, "IDNPS") }
                : new Identifier(SasTechnicalIdSystem, subject) { Type = new CodeableConcept(SasResources.V20203, "INTRN") };
        }
    }
}
