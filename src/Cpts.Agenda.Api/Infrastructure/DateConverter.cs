using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>Dates of JSON bodies (birth dates, generation and reservation periods): yyyy-MM-dd within <see cref="Dates"/>' range.</summary>
public sealed class DateConverter : JsonConverter<DateOnly>
{
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return Dates.ParseDate(text) ?? throw new InvalidDateException($"Must be {Dates.DateText}.");
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
