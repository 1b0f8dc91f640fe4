namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>The standard reason phrase of a status, for the description of an error response.</summary>
internal static class ReasonPhrases
{
    public static string Of(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } p ? p : $"Status {status}";
}
