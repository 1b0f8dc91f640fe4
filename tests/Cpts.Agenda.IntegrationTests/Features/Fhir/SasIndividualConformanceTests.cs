// Firely models are nullable throughout; the assertions below check presence themselves.
#nullable disable
using Cpts.Agenda.Api.Features.Fhir;
using Xunit.Abstractions;

namespace Cpts.Agenda.IntegrationTests.Features.Fhir;

/// <summary>INT_R01, the individual-GP flow.</summary>
public sealed class SasIndividualConformanceTests(SasIndividualApp app, ITestOutputHelper output) : SasConformance(app, output), IClassFixture<SasIndividualApp>
{
    [Fact]
    public async Task The_individual_searchset_conforms_to_the_BundleAgregateur_profile()
    {
        var bundle = await ThreeSlotSearchsetAsync();
        Assert.Contains(SasResources.BundleProfile, bundle.Meta.Profile);
        AssertConforms(bundle, SasResources.BundleProfile);
    }
}
