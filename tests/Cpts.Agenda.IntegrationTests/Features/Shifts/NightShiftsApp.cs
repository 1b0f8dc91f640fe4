namespace Cpts.Agenda.IntegrationTests.Features.Shifts;

/// <summary>The service with one more template from configuration: Saturday nights 20:00–08:00.</summary>
public sealed class NightShiftsApp : AgendaApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Agenda:Shifts:Templates:night:Saturday:0:Name"] = "night",
        ["Agenda:Shifts:Templates:night:Saturday:0:Start"] = "20:00",
        ["Agenda:Shifts:Templates:night:Saturday:0:End"] = "08:00",
    };
}
