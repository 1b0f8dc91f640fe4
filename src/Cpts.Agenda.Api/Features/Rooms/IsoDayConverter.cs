using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cpts.Agenda.Api.Features.Rooms;

/// <summary>Reads a weekday as an ISO number (1–7) or an English or French name; writes the number.</summary>
public sealed class IsoDayConverter : JsonConverter<int>
{
    private static readonly string[][] Names =
    [
        ["monday", "lundi"], ["tuesday", "mardi"], ["wednesday", "mercredi"], ["thursday", "jeudi"],
        ["friday", "vendredi"], ["saturday", "samedi"], ["sunday", "dimanche"],
    ];

    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number) return reader.GetInt32();
        var name = reader.GetString()?.Trim().ToLowerInvariant();
        for (var i = 0; i < Names.Length; i++)
        {
            if (Names[i].Contains(name)) return i + 1;
        }
        return 0; // refused by validation with a message
    }

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
