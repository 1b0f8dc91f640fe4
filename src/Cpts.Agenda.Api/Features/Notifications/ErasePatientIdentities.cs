using Dapper;
using Mediator;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>
/// Retention, daily: bookings whose appointment ended more than Agenda:Retention:Days ago lose the
/// patient's identity (names, birth date, phone, reason). What the indicators count stays: channel,
/// status, outcome, re-orientation, whether the patient had a regular doctor, the times.
/// In batches, so a long backlog never holds one huge transaction.
/// </summary>
public static class ErasePatientIdentities
{
    public sealed record Command(int Batch = 1000) : IRequest<int>;

    private const string Erase = """
        UPDATE bookings SET patient_first_name = NULL, patient_last_name = NULL, patient_birth_date = NULL,
               patient_phone = NULL, reason = NULL, patient_erased_at = @Now
        WHERE id IN (
            SELECT id FROM bookings
            WHERE patient_erased_at IS NULL AND ends_at < @Before
            LIMIT @Batch
            FOR UPDATE SKIP LOCKED)
        """;

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<Handler> logger)
        : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var before = now.AddDays(-Math.Max(1, options.Value.Days));
            await using var c = await db.OpenConnectionAsync(ct);
            var total = 0;
            int erased;
            do
            {
                erased = await c.ExecuteAsync(new CommandDefinition(Erase, new { Now = now, Before = before, command.Batch }, cancellationToken: ct));
                total += erased;
            }
            while (erased == command.Batch);
            if (total > 0) logger.LogInformation("Retention: patient identity erased from {Count} bookings", total);
            return total;
        }
    }
}
