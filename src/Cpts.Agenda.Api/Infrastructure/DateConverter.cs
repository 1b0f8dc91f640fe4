using System.Globalization;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>Dates of JSON bodies (birth dates, generation and reservation periods): yyyy-MM-dd within <see cref="Dates"/>' range.</summary>
public sealed class DateConverter() : TextJsonConverter<DateOnly>(
    Dates.ParseDate, Dates.DateText, d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
