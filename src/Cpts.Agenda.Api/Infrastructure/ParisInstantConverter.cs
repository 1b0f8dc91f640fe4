using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>Every instant the API writes is in Paris offset (2026-03-29T08:30:00+02:00); any offset is read, within <see cref="Dates"/>' range.</summary>
public sealed class ParisInstantConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return Dates.ParseInstant(text) ?? throw new InvalidDateException($"Must be {Dates.InstantText}.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Paris.Format(value));
}
