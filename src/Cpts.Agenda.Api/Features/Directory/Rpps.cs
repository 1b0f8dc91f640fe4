namespace Cpts.Agenda.Api.Features.Directory;

/// <summary>RPPS numbers: 11 digits, the last a Luhn check digit. In FHIR they appear as "8" + RPPS.</summary>
public static class Rpps
{
    public const string FhirSystem = "urn:oid:1.2.250.1.71.4.2.1";

    public static bool IsValid(string? rpps) =>
        rpps is { Length: 11 } && rpps.All(char.IsAsciiDigit) && LuhnSum(rpps) % 10 == 0;

    /// <summary>The digit that completes ten digits into a valid RPPS (demo data and tests use it).</summary>
    public static char CheckDigit(string firstTen)
    {
        if (firstTen is not { Length: 10 } || !firstTen.All(char.IsAsciiDigit))
            throw new ArgumentException("Ten digits expected.", nameof(firstTen));
        var sum = LuhnSum(firstTen + "0");
        return (char)('0' + (10 - sum % 10) % 10);
    }

    private static int LuhnSum(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
        }
        return sum;
    }
}
