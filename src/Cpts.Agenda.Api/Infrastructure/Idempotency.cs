using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// Idempotency-Key for writes that create a booking. Claimed inside the use case's own transaction:
/// a concurrent request with the same key waits on the key's row, then replays the first result;
/// a request that failed left no key behind, so its retry runs again.
/// </summary>
public static class Idempotency
{
    public const int MaxKeyLength = 200;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>Set in the request's scope when the use case replayed an earlier result: the audit trail records a replay, not a second create.</summary>
    public sealed class ReplayMarker
    {
        public bool Replayed { get; set; }
    }

    public abstract record Claim;
    public sealed record Fresh : Claim;
    public sealed record Replay(Guid ResourceId) : Claim;
    public sealed record Mismatch : Claim;

    public static string Hash<T>(T body) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body, JsonSerializerOptions.Web))));

    public static async Task<Claim> ClaimAsync(NpgsqlConnection c, NpgsqlTransaction tx, string actor, string key, string requestHash,
        string resourceKind, Guid resourceId, DateTimeOffset now, CancellationToken ct)
    {
        const string Sql = """
            WITH expired AS (
                DELETE FROM idempotency_keys WHERE actor = @Actor AND key = @Key AND created_at < @Expiry
            )
            INSERT INTO idempotency_keys (actor, key, request_hash, resource_kind, resource_id, created_at)
            VALUES (@Actor, @Key, @RequestHash, @ResourceKind, @ResourceId, @Now)
            ON CONFLICT (actor, key) DO NOTHING
            RETURNING 1
            """;
        var args = new { Actor = actor, Key = key, RequestHash = requestHash, ResourceKind = resourceKind, ResourceId = resourceId, Now = now, Expiry = now - Lifetime };
        if (await c.ExecuteScalarAsync<int?>(new CommandDefinition(Sql, args, tx, cancellationToken: ct)) is not null) return new Fresh();

        var first = await c.QuerySingleAsync<(string RequestHash, string ResourceKind, Guid ResourceId)>(new CommandDefinition(
            "SELECT request_hash, resource_kind, resource_id FROM idempotency_keys WHERE actor = @Actor AND key = @Key", args, tx, cancellationToken: ct));
        return first.RequestHash == requestHash && first.ResourceKind == resourceKind ? new Replay(first.ResourceId) : new Mismatch();
    }

    /// <summary>
    /// The claim-or-replay step of a create, inside its transaction: null to go on (no key, or a fresh key now
    /// held by this transaction); otherwise the answer: the first result read by <paramref name="replay"/> from
    /// its id (and the request marked as a replay for the audit trail), or the mismatch error for a key used by another request.
    /// </summary>
    public static async Task<Result<T>?> ClaimOrReplayAsync<T>(NpgsqlConnection c, NpgsqlTransaction tx, string? key, string actor, string requestHash,
        string resourceKind, Guid resourceId, DateTimeOffset now, ReplayMarker replays, Func<Guid, Task<T>> replay, CancellationToken ct)
    {
        if (key is null) return null;
        var claim = await ClaimAsync(c, tx, actor, key, requestHash, resourceKind, resourceId, now, ct);
        if (claim is Mismatch) return MismatchError();
        if (claim is not Replay first) return null;
        replays.Replayed = true;
        return await replay(first.ResourceId);
    }

    public static Error MismatchError() =>
        Error.Rule("This Idempotency-Key was already used with a different request; use a new key for a new request.");

    public static Error? CheckKey(string? key) => key is { Length: > MaxKeyLength } || key is { Length: 0 }
        ? Error.Invalid("Idempotency-Key", $"The Idempotency-Key header holds 1 to {MaxKeyLength} characters.")
        : null;
}
