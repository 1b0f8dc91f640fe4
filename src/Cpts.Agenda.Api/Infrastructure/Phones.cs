namespace Cpts.Agenda.Api.Infrastructure;

public static class Phones
{
    /// <summary>A phone number as people type it: 6 to 20 characters, digits, spaces, +, . or -, at least 6 digits.</summary>
    public static bool IsPhone(string phone) =>
        phone.Length is >= 6 and <= 20 && phone.All(ch => char.IsAsciiDigit(ch) || ch is ' ' or '+' or '.' or '-') && phone.Count(char.IsAsciiDigit) >= 6;
}
