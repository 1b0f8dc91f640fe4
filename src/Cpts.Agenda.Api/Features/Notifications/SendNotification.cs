using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>
/// Sends one notification, exactly once whoever runs it and however often: claim it (queued → sending)
/// in one UPDATE, re-check that its subject still holds, send with the notification id as the
/// idempotency key, then mark it sent — or queued again with a later not_before, or failed after
/// MaxAttempts. A claim left by a killed process is taken over after ClaimTimeout (the provider's
/// idempotency key then absorbs a message that did leave before the kill). Run by the send jobs, as the system.
/// Side effects: an e-mail over SMTP or an SMS through the provider's HTTP API when live (else only the
/// outbox: the text kept in the row); the notifications row updated, a practitioner notice's sent_at set;
/// no audit; triggers: none.
/// </summary>
public static class SendNotification
{
    public sealed record Command(Guid NotificationId) : IRequest<Outcome>;

    public enum Outcome { NotClaimed, Cancelled, Sent, Retrying, Failed }

    private const string Claim = """
        UPDATE notifications SET status = 'sending', claimed_at = @Now,
               attempts = attempts + CASE WHEN status = 'sending' THEN 1 ELSE 0 END
        WHERE id = @Id AND not_before <= @Now
          AND (status = 'queued' OR (status = 'sending' AND claimed_at < @StaleBefore))
        RETURNING id, kind, subject_kind, subject_id, subject_at, recipient, attempts, claimed_at
        """;

    // A practitioner notice of the calendars feature is marked sent in the same statement.
    private const string MarkSent = """
        WITH sent AS (
            UPDATE notifications SET status = 'sent', sent_at = @Now, channel = @Channel, body = @Body,
                   attempts = attempts + 1, claimed_at = NULL, last_error = NULL
            WHERE id = @Id AND status = 'sending' AND claimed_at = @ClaimedAt
            RETURNING subject_kind, subject_id)
        UPDATE practitioner_notices n SET sent_at = @Now
        FROM sent WHERE sent.subject_kind = 'practitioner-notice' AND n.id = sent.subject_id AND n.sent_at IS NULL
        """;

    private const string MarkFailedAttempt = """
        UPDATE notifications SET attempts = attempts + 1, last_error = @Error, claimed_at = NULL,
               status = CASE WHEN attempts + 1 >= @MaxAttempts OR @Final THEN 'failed' ELSE 'queued' END,
               not_before = CASE WHEN attempts + 1 >= @MaxAttempts OR @Final THEN not_before ELSE @RetryAt END
        WHERE id = @Id AND status = 'sending' AND claimed_at = @ClaimedAt
        RETURNING status
        """;

    private const string MarkCancelled = """
        UPDATE notifications SET status = 'cancelled', cancelled_at = @Now, claimed_at = NULL
        WHERE id = @Id AND status = 'sending' AND claimed_at = @ClaimedAt
        """;

    private const string Release = """
        UPDATE notifications SET status = 'queued', claimed_at = NULL
        WHERE id = @Id AND status = 'sending' AND claimed_at = @ClaimedAt
        """;

    private sealed record Claimed
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string SubjectKind { get; init; } = "";
        public Guid SubjectId { get; init; }
        public DateTimeOffset SubjectAt { get; init; }
        public string Recipient { get; init; } = "";
        public int Attempts { get; init; }
        public DateTimeOffset ClaimedAt { get; init; }
    }

    public sealed class Handler(
        NpgsqlDataSource db, TimeProvider clock, IOptions<NotificationOptions> options, IHostEnvironment environment,
        IEmailSender email, ISmsProvider sms, SendPacer pacer, ILogger<Handler> logger) : IRequestHandler<Command, Outcome>
    {
        public async ValueTask<Outcome> Handle(Command command, CancellationToken ct)
        {
            var o = options.Value;
            var now = clock.GetUtcNow();
            await using var c = await db.OpenConnectionAsync(ct);
            var row = await c.QuerySingleOrDefaultAsync<Claimed>(new CommandDefinition(Claim,
                new { Id = command.NotificationId, Now = now, StaleBefore = now - o.ClaimTimeout }, cancellationToken: ct));
            if (row is null) return Outcome.NotClaimed; // sent, cancelled, not due, or another worker has it
            var key = new { row.Id, row.ClaimedAt };
            try
            {
                await pacer.WaitAsync(ct); // only what is claimed waits its turn: a duplicate job costs one UPDATE
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await c.ExecuteAsync(new CommandDefinition(Release, key, cancellationToken: CancellationToken.None));
                throw;
            }

            var plan = NotificationPlans.Of(row.Kind);
            if (plan is null) return await FailAsync(c, row, "unknown-kind", final: true, o, ct);
            if (!await HoldsAsync(c, plan, row, now, o, ct))
            {
                await c.ExecuteAsync(new CommandDefinition(MarkCancelled, new { key.Id, key.ClaimedAt, Now = now }, cancellationToken: ct));
                logger.LogInformation("Notification {NotificationId} ({Kind}) cancelled: its subject no longer holds", row.Id, row.Kind);
                return Outcome.Cancelled;
            }

            var facts = await FactsAsync(c, row, ct);
            var message = facts is null ? null : NotificationTexts.Render(row.Kind, row.Recipient, facts);
            if (message is null) return await FailAsync(c, row, "no-text", final: true, o, ct);

            var live = o.IsLive(environment.IsDevelopment());
            var (channel, address) = live ? await ContactAsync(c, row, (facts as BookingFacts)?.PatientPhone, o, ct) : ("outbox", null);
            if (channel is null) return await FailAsync(c, row, "no-contact", final: true, o, ct);

            try
            {
                // Half the claim timeout at most: a send still running is never taken over as if its process had died.
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
                deadline.CancelAfter(o.ClaimTimeout / 2);
                var idempotencyKey = row.Id.ToString();
                if (channel == "email") await email.SendAsync(new EmailMessage(address!, message.Subject, message.Text, idempotencyKey), deadline.Token);
                else if (channel == "sms") await sms.SendAsync(new SmsMessage(address!, message.Text, idempotencyKey), deadline.Token);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Shutting down: give the row back untouched; the next dispatch sends it.
                await c.ExecuteAsync(new CommandDefinition(Release, key, cancellationToken: CancellationToken.None));
                throw;
            }
            catch (Exception e)
            {
                // The exception's type only: provider messages may echo an address.
                return await FailAsync(c, row, e.GetType().Name, final: false, o, ct);
            }

            await c.ExecuteAsync(new CommandDefinition(MarkSent, new
            {
                key.Id, key.ClaimedAt, Now = clock.GetUtcNow(), Channel = channel, Body = message.Text,
            }, cancellationToken: CancellationToken.None));
            logger.LogInformation("Notification {NotificationId} ({Kind}) sent by {Channel}", row.Id, row.Kind, channel);
            return Outcome.Sent;
        }

        private static async Task<bool> HoldsAsync(NpgsqlConnection c, NotificationPlan plan, Claimed row, DateTimeOffset now, NotificationOptions o, CancellationToken ct)
        {
            var args = new DynamicParameters(NotificationPlans.Parameters(now, o));
            args.AddDynamicParams(new { row.Kind, row.SubjectId, row.Recipient, row.SubjectAt });
            // Inserts only the plan's SELECT, a const of NotificationPlans; the row's values are parameters.
            return await c.ExecuteScalarAsync<bool>(new CommandDefinition($"""
                SELECT EXISTS (
                    SELECT 1 FROM ({plan.Wanted}) w
                    WHERE w.kind = @Kind AND w.subject_id = @SubjectId AND w.recipient = @Recipient AND w.subject_at = @SubjectAt)
                """, args, cancellationToken: ct));
        }

        /// <summary>The facts the texts of the subject's kind need, loaded by subject_kind.</summary>
        private static async Task<object?> FactsAsync(NpgsqlConnection c, Claimed row, CancellationToken ct)
        {
            var args = new { row.SubjectId };
            return row.SubjectKind switch
            {
                "booking" => await c.QuerySingleOrDefaultAsync<BookingFacts>(new CommandDefinition(BookingFacts.Sql, args, cancellationToken: ct)),
                "shift" => await c.QuerySingleOrDefaultAsync<ShiftFacts>(new CommandDefinition(ShiftFacts.Sql, args, cancellationToken: ct)),
                "teleconsultation" => await c.QuerySingleOrDefaultAsync<TeleconsultationFacts>(new CommandDefinition(TeleconsultationFacts.Sql, args, cancellationToken: ct)),
                "practitioner-notice" => await c.QuerySingleOrDefaultAsync<PractitionerNoticeFacts>(new CommandDefinition(PractitionerNoticeFacts.Sql, args, cancellationToken: ct)),
                _ => null,
            };
        }

        /// <summary>The patient by SMS; a practitioner by email, else SMS; the coordinator as configured.</summary>
        private static async Task<(string? Channel, string? Address)> ContactAsync(
            NpgsqlConnection c, Claimed row, string? patientPhone, NotificationOptions o, CancellationToken ct)
        {
            if (row.Recipient == "patient") return Prefer(null, patientPhone);
            if (row.Recipient == "coordinator") return Prefer(o.CoordinatorEmail, o.CoordinatorPhone);
            if (!Guid.TryParse(row.Recipient, out var practitionerId)) return (null, null);
            var p = await c.QuerySingleOrDefaultAsync<(string? Email, string? Phone)>(new CommandDefinition(
                "SELECT email, phone FROM practitioners WHERE id = @practitionerId", new { practitionerId }, cancellationToken: ct));
            return Prefer(p.Email, p.Phone);
        }

        private static (string?, string?) Prefer(string? emailAddress, string? phone) =>
            !string.IsNullOrWhiteSpace(emailAddress) ? ("email", emailAddress.Trim())
            : !string.IsNullOrWhiteSpace(phone) ? ("sms", phone.Trim())
            : (null, null);

        private async Task<Outcome> FailAsync(NpgsqlConnection c, Claimed row, string error, bool final, NotificationOptions o, CancellationToken ct)
        {
            var delay = o.RetryDelay * Math.Pow(2, Math.Min(row.Attempts, 10));
            var status = await c.ExecuteScalarAsync<string>(new CommandDefinition(MarkFailedAttempt, new
            {
                row.Id, row.ClaimedAt, Error = error, o.MaxAttempts, Final = final, RetryAt = clock.GetUtcNow() + delay,
            }, cancellationToken: CancellationToken.None));
            logger.LogWarning("Notification {NotificationId} ({Kind}) attempt {Attempt} failed: {Error}; now {Status}",
                row.Id, row.Kind, row.Attempts + 1, error, status);
            return status == "failed" ? Outcome.Failed : Outcome.Retrying;
        }
    }
}
