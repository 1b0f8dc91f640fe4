using Cpts.Agenda.Api.Features.Audit;

namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>
/// GET /api/notifications: every reminder or notice, for the coordinator, by subject or recipient.
/// Side effects: audit notification.read; triggers: none.
/// </summary>
public static class ListNotifications
{
    /// <param name="Status">queued (also while sending), sent, failed or cancelled.</param>
    /// <param name="Kind">a kind ("patient-reminder-24h") or its beginning ("patient-reminder").</param>
    public sealed record Query(Guid? BookingId, Guid? ShiftId, Guid? PractitionerId, int? Limit, string? Cursor, string? Status = null, string? Kind = null)
        : IRequest<Result<Page<NotificationDto>>>, IAudited<Page<NotificationDto>>
    {
        public AuditAs Audited => new("notification.read", "notification-list");
        public string? AuditedObject(Page<NotificationDto>? done) => (BookingId ?? ShiftId ?? PractitionerId)?.ToString();
    }

    public static readonly IReadOnlyList<string> Statuses = ["queued", "sent", "failed", "cancelled"];

    /// <summary>recipient: a practitioner id, "patient" or "coordinator"; status: queued (also while sending), sent, failed, cancelled.</summary>
    public sealed record NotificationDto
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string Channel { get; init; } = "";
        public string Recipient { get; init; } = "";
        public DateTimeOffset DueAt { get; init; }
        public DateTimeOffset? SentAt { get; init; }
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
    }

    private const string Sql = """
        SELECT id, kind, channel, recipient, due_at, sent_at,
               CASE WHEN status = 'sending' THEN 'queued' ELSE status END AS status, attempts
        FROM notifications
        WHERE (@BookingId::uuid IS NULL OR (subject_kind = 'booking' AND subject_id = @BookingId))
          AND (@ShiftId::uuid IS NULL OR (subject_kind = 'shift' AND subject_id = @ShiftId))
          AND (@PractitionerId::uuid IS NULL OR recipient = @PractitionerId::text)
          AND (@Status::text IS NULL OR status = @Status OR (@Status = 'queued' AND status = 'sending'))
          AND (@Kind::text IS NULL OR starts_with(kind, @Kind))
          AND (@AfterDue::timestamptz IS NULL OR (due_at, id) > (@AfterDue, @AfterId))
        ORDER BY due_at, id
        LIMIT @Take
        """;

    public sealed class Handler(NpgsqlDataSource db) : IRequestHandler<Query, Result<Page<NotificationDto>>>
    {
        public async ValueTask<Result<Page<NotificationDto>>> Handle(Query query, CancellationToken ct)
        {
            var v = new Validation();
            v.CheckLimit(query.Limit);
            if (query.Status is not null) v.OneOf(query.Status, "status", Statuses);
            v.Optional(query.Kind, "kind", 60);
            var (afterDue, afterId) = v.CheckInstantCursor(query.Cursor);
            if (v.Failed) return v.ToError();

            var limit = Paging.Limit(query.Limit);
            await using var c = await db.OpenConnectionAsync(ct);
            var rows = (await c.QueryAsync<NotificationDto>(new CommandDefinition(Sql, new
            {
                query.BookingId, query.ShiftId, query.PractitionerId, query.Status, Kind = string.IsNullOrWhiteSpace(query.Kind) ? null : query.Kind.Trim(),
                AfterDue = afterDue, AfterId = afterId, Take = limit + 1,
            }, cancellationToken: ct))).ToList();
            return Paging.ToPage(rows, limit, n => $"{n.DueAt.UtcDateTime:O}|{n.Id}");
        }
    }
}
