using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>Auth:Session — the pages' session cookie (<see cref="PageSession"/>, docs/SIGN-IN.md).</summary>
public sealed class PageSessionOptions
{
    public const string Section = "Auth:Session";

    /// <summary>How long a session lasts, renewed while in use.</summary>
    public double Hours { get; set; } = 10.0;

    /// <summary>One line per broken setting, naming the key.</summary>
    public sealed class Validator : IValidateOptions<PageSessionOptions>
    {
        public ValidateOptionsResult Validate(string? name, PageSessionOptions o) =>
            o.Hours > 0 && o.Hours <= TimeSpan.MaxValue.TotalHours ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Auth:Session:Hours must be a number of hours greater than 0.");
    }
}
