namespace Cpts.Agenda.Api.Features.Demo;

/// <summary>Agenda:DemoData — whether the fictional demo CPTS is seeded at start-up.</summary>
public sealed class DemoOptions
{
    public const string Section = "Agenda";

    /// <summary>Agenda:DemoData; when not set, true in Development and false elsewhere.</summary>
    public bool? DemoData { get; set; }

    public bool Seeds(IHostEnvironment environment) => DemoData ?? environment.IsDevelopment();
}
