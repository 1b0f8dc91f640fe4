using System.Text.Json.Serialization;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>Every list answers { items, next }; next is an opaque keyset cursor, null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Next);
