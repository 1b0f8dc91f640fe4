using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>
/// Retention, daily (a Hangfire job, as the system): bookings and teleconsultations whose appointment ended
/// more than Agenda:Retention:Days ago lose the patient's identity (names, birth date, phone, reason); returns
/// how many rows of both were erased. What the indicators count stays: channel,
/// status, outcome, re-orientation, whether the patient had a regular doctor, the times.
/// In batches, so a long backlog never holds one huge transaction.
/// Side effects: patient fields of bookings and teleconsultations cleared, patient_erased_at set; no audit;
/// triggers: none (it updates no column that bookings_sas_events or the teleconsultations triggers watch).
/// </summary>
public static class ErasePatientIdentities
{
    public sealed record Command(int Batch = 1000) : IRequest<int>;

    // Bookings and teleconsultations: the same identity fields, the same rule, one whole statement per table.
    private const string ErasedFields = """
        patient_first_name = NULL, patient_last_name = NULL, patient_birth_date = NULL,
               patient_phone = NULL, reason = NULL, patient_erased_at = @Now
        """;

    private const string DueRows = "patient_erased_at IS NULL AND ends_at < @Before LIMIT @Batch FOR UPDATE SKIP LOCKED";

    // Constants only: a const string admits nothing else, so no value of a request or a row reaches the SQL text.
    private const string EraseBookings = $"UPDATE bookings SET {ErasedFields} WHERE id IN (SELECT id FROM bookings WHERE {DueRows})";

    private const string EraseTeleconsultations = $"UPDATE teleconsultations SET {ErasedFields} WHERE id IN (SELECT id FROM teleconsultations WHERE {DueRows})";

    private static readonly (string Table, string Sql)[] Erasures = [("bookings", EraseBookings), ("teleconsultations", EraseTeleconsultations)];

    public sealed class Handler(NpgsqlDataSource db, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<Handler> logger)
        : IRequestHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var before = now.AddDays(-Math.Max(1, options.Value.Days));
            await using var c = await db.OpenConnectionAsync(ct);
            var total = 0;
            foreach (var (table, sql) in Erasures)
            {
                var inTable = 0;
                int erased;
                do
                {
                    erased = await c.ExecuteAsync(new CommandDefinition(sql, new { Now = now, Before = before, command.Batch }, cancellationToken: ct));
                    inTable += erased;
                }
                while (erased == command.Batch);
                if (inTable > 0) logger.LogInformation("Retention: patient identity erased from {Count} rows of {Table}", inTable, table);
                total += inTable;
            }
            return total;
        }
    }
}
