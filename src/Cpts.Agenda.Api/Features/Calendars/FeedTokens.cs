using System.Security.Cryptography;
using System.Text;

namespace Cpts.Agenda.Api.Features.Calendars;

/// <summary>Feed URL secrets: 256 random bits, base64url; only their SHA-256 is stored.</summary>
public static class FeedTokens
{
    public const int Bytes = 32;

    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(Bytes));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));

    /// <summary>Whether a string has the shape of a token (so garbage never reaches the database).</summary>
    public static bool IsWellFormed(string token) =>
        token.Length == 43 && token.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
