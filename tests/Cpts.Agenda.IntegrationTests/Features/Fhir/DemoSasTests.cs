// Firely models are nullable throughout; the assertions below check presence themselves.
#nullable disable
using Cpts.Agenda.Api.Features.Fhir;
using Cpts.Agenda.IntegrationTests.Features.Shifts;
using Dapper;
using Hl7.Fhir.Model;

namespace Cpts.Agenda.IntegrationTests.Features.Fhir;

/// <summary>The demo CPTS as the SAS sees it: every demo practitioner has a phone, which PractitionerRole.telecom carries.</summary>
public sealed class DemoSasTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task The_demo_practitioners_phones_reach_the_SAS_as_PractitionerRole_telecom()
    {
        List<(string Rpps, string Phone)> phones;
        await using (var c = await app.OpenAsync())
            phones = (await c.QueryAsync<(string Rpps, string Phone)>("SELECT rpps, phone FROM practitioners ORDER BY rpps")).ToList();
        Assert.Equal(12, phones.Count);
        Assert.All(phones, p => Assert.NotNull(SasResources.Phone(p.Phone)));

        var now = app.Clock.GetUtcNow();
        var response = await app.Sas().GetAsync(Fhir.SlotQuery(now, now.AddDays(2), phones.Select(p => p.Rpps).Take(7)));
        var bundle = Fhir.Parse<Bundle>(await response.Content.ReadAsStringAsync());
        var roles = bundle.Entry.Select(e => e.Resource).OfType<PractitionerRole>().ToList();
        Assert.NotEmpty(roles);
        var byPractitioner = bundle.Entry.Select(e => e.Resource).OfType<Practitioner>().ToDictionary(p => $"Practitioner/{p.Id}", p => p.Identifier.Single().Value[1..]);
        foreach (var role in roles)
        {
            var rpps = byPractitioner[role.Practitioner.Reference];
            var telecom = Assert.Single(role.Telecom);
            Assert.Equal(ContactPoint.ContactPointSystem.Phone, telecom.System);
            Assert.Equal(SasResources.Phone(phones.Single(p => p.Rpps == rpps).Phone), telecom.Value);
            Assert.StartsWith("+33384761", telecom.Value);
        }
    }
}
