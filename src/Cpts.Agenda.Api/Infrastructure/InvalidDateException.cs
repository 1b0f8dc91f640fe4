using System.Text.Json;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// A date or an instant of a JSON body that is malformed or out of range. The message names what is
/// expected, never the value sent; the JSON path names the field (ErrorHandling answers 400 with it).
/// </summary>
public sealed class InvalidDateException(string message) : JsonException(message);
