using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// A value JSON carries as a string: read with <paramref name="parse"/> (null when it is not one, and a
/// non-string token is not one), refused as "Must be <paramref name="expected"/>." (<see cref="InvalidDateException"/>),
/// written with <paramref name="format"/>.
/// </summary>
public abstract class TextJsonConverter<T>(Func<string?, T?> parse, string expected, Func<T, string> format) : JsonConverter<T>
    where T : struct
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return parse(text) ?? throw new InvalidDateException($"Must be {expected}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(format(value));
}
