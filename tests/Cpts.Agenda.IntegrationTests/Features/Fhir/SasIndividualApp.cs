// Firely models are nullable throughout; the assertions below check presence themselves.
#nullable disable

namespace Cpts.Agenda.IntegrationTests.Features.Fhir;

/// <summary>The service of a CPTS without a FINESS: the individual-GP flow (INT_R01).</summary>
public sealed class SasIndividualApp : SasApp
{
    protected override IDictionary<string, string> Settings =>
        base.Settings.Where(s => s.Key != "Agenda:Cpts:Finess").ToDictionary(s => s.Key, s => s.Value);
}
