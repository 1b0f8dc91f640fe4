namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// Concurrent inserts into the same exclusion constraint can wait on each other: PostgreSQL then breaks
/// the deadlock (40P01) or the serialization conflict (40001) by aborting one of them, before either knows
/// who won. Run again, the aborted write meets the winner's committed row and is refused by the
/// constraint itself, so the use case answers its own 409 with the right message (the room is taken,
/// the slot overlaps) instead of a generic conflict.
/// </summary>
public static class LostRaces
{
    /// <summary>
    /// Ten parallel bookings of one room can abort each other several times in a row on a loaded machine
    /// (each round, one of the waiting ones is picked as the deadlock victim); eight rounds with a short
    /// random pause always let the winner commit first.
    /// </summary>
    public const int Attempts = 8;

    public static bool IsRetryable(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;

    /// <summary>Runs a whole write transaction, again (up to <see cref="Attempts"/> times) when PostgreSQL aborted it to break a deadlock.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> transaction)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await transaction();
            }
            catch (PostgresException e) when (attempt < Attempts && IsRetryable(e))
            {
                // The other transaction holds the locks until it commits; the next attempt waits for it.
                // A short random pause keeps the retried losers from meeting each other again in the same order.
                await Task.Delay(Random.Shared.Next(5, 20 * attempt));
            }
        }
    }

    /// <summary>
    /// Takes a transaction-scoped advisory lock for each holder (room, nurse, doctor) in one global order. Two
    /// bookings that share a holder then run one after the other instead of both inserting their commitments
    /// and waiting on each other's uncommitted rows in the exclusion constraint, which PostgreSQL can only break
    /// as a deadlock. The constraint stays the guarantee; the locks only make the loser meet the winner's
    /// committed row and answer its own 409 ("the room is taken").
    /// </summary>
    public static Task LockInOrderAsync(NpgsqlConnection c, NpgsqlTransaction tx, IEnumerable<Guid?> holders, CancellationToken ct)
    {
        var keys = holders.OfType<Guid>().Select(Key).Distinct().Order().ToArray();
        // The subquery keeps the sorted order (OFFSET 0 stops it from being flattened), so every transaction
        // takes its locks in the same order and two of them can never wait on each other in a circle.
        return c.ExecuteAsync(new CommandDefinition(
            "SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT k FROM unnest(@Keys) AS k ORDER BY k OFFSET 0) AS ordered",
            new { Keys = keys }, tx, cancellationToken: ct));
    }

    private static long Key(Guid id) => BitConverter.ToInt64(id.ToByteArray(), 8);
}
