namespace Cpts.Agenda.Api.Features.Shifts;

/// <summary>
/// French public holidays (jours fériés) of any year, computed: eight fixed dates, plus Easter
/// Monday, Ascension Thursday and Whit Monday from the date of Easter (Gregorian computus).
/// </summary>
public static class PublicHolidays
{
    /// <summary>Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly Easter(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>The year's holidays in date order, with their French names.</summary>
    public static IReadOnlyList<(DateOnly Date, string Name)> Of(int year)
    {
        var easter = Easter(year);
        return new List<(DateOnly, string)>
        {
            (new DateOnly(year, 1, 1), "Jour de l'an"),
            (easter.AddDays(1), "Lundi de Pâques"),
            (new DateOnly(year, 5, 1), "Fête du travail"),
            (new DateOnly(year, 5, 8), "Victoire 1945"),
            (easter.AddDays(39), "Ascension"),
            (easter.AddDays(50), "Lundi de Pentecôte"),
            (new DateOnly(year, 7, 14), "Fête nationale"),
            (new DateOnly(year, 8, 15), "Assomption"),
            (new DateOnly(year, 11, 1), "Toussaint"),
            (new DateOnly(year, 11, 11), "Armistice 1918"),
            (new DateOnly(year, 12, 25), "Noël"),
        }.OrderBy(h => h.Item1).ToList();
    }

    /// <summary>The holiday's name, or null on an ordinary day.</summary>
    public static string? NameOf(DateOnly date)
    {
        foreach (var (d, name) in Of(date.Year))
            if (d == date) return name;
        return null;
    }

    public static bool IsHoliday(DateOnly date) => NameOf(date) is not null;
}
