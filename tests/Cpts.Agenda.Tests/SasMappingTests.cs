using Cpts.Agenda.Api.Features.Fhir;
using Cpts.Agenda.Api.Infrastructure;
using Hl7.Fhir.Model;

namespace Cpts.Agenda.Tests;

public sealed class SasMappingTests
{
    [Theory]
    [InlineData("03 84 76 54 32", "+33384765432")]
    [InlineData("03.84.76.54.32", "+33384765432")]
    [InlineData("0033 3 84 76 54 32", "+33384765432")]
    [InlineData("+33 6 12 34 56 78", "+33612345678")]
    [InlineData("3615", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Phone_numbers_are_sent_in_international_form(string? raw, string? expected) =>
        Assert.Equal(expected, SasResources.Phone(raw));

    private static readonly SasResources Cpts = new(
        new CptsOptions { Finess = "950047225", Phone = "03 84 11 22 33", Address = "2 rue de la CPTS", PostalCode = "70000", City = "Vesoul" },
        "https://agenda.example.fr");

    private static SasSlotRow Row(string? phone = null, Guid? siteId = null, string? sitePhone = null, string? practiceAddress = null) => new()
    {
        Id = Guid.NewGuid(), PractitionerId = Guid.NewGuid(), SiteId = siteId, Rpps = "10001234567", Phone = phone,
        SitePhone = sitePhone, SiteName = siteId is null ? null : "Cabinet", Address = siteId is null ? null : "1 rue du Cabinet",
        PostalCode = siteId is null ? null : "70170", City = siteId is null ? null : "Port-sur-Saône",
        PracticeAddress = practiceAddress, PracticePostalCode = practiceAddress is null ? null : "70360", PracticeCity = practiceAddress is null ? null : "Scey",
    };

    [Fact]
    public void PractitionerRole_telecom_is_the_practitioners_phone_in_international_form_or_absent()
    {
        Assert.Equal("+33384761001", Assert.Single(Cpts.PractitionerRole(Row(phone: "03 84 76 10 01")).Telecom).Value);
        Assert.Equal(ContactPoint.ContactPointSystem.Phone, Cpts.PractitionerRole(Row(phone: "03 84 76 10 01")).Telecom[0].System);
        Assert.Empty(Cpts.PractitionerRole(Row(phone: null)).Telecom);
        Assert.Empty(Cpts.PractitionerRole(Row(phone: "3615")).Telecom);
    }

    [Fact]
    public void A_teleconsultation_is_placed_at_the_practice_address_else_the_CPTS_and_a_place_has_the_sites_phone_else_the_CPTS()
    {
        var practice = Cpts.Location(Row(practiceAddress: "1 rue du Moulin"), contained: true);
        Assert.Equal(("1 rue du Moulin", "70360", "Scey"), (practice.Address!.Line.Single(), practice.Address.PostalCode, practice.Address.City));
        var cpts = Cpts.Location(Row(), contained: false);
        Assert.Equal(("2 rue de la CPTS", "70000", "Vesoul"), (cpts.Address!.Line.Single(), cpts.Address.PostalCode, cpts.Address.City));
        Assert.Equal("+33384112233", cpts.Telecom.Single().Value);
        Assert.Equal("+33384000000", Cpts.Location(Row(siteId: Guid.NewGuid(), sitePhone: "03 84 00 00 00"), contained: false).Telecom.Single().Value);
        Assert.Empty(Cpts.Location(Row(siteId: Guid.NewGuid(), sitePhone: "03 84 00 00 00"), contained: true).Telecom); // PractitionerRole carries the phone
    }

    [Fact]
    public void Derived_ids_are_stable_and_distinct_per_practitioner_and_place()
    {
        var (p, s) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal(SasResources.DeterministicId("schedule", p, s), SasResources.DeterministicId("schedule", p, s));
        Assert.NotEqual(SasResources.DeterministicId("schedule", p, s), SasResources.DeterministicId("schedule", p, null));
        Assert.NotEqual(SasResources.DeterministicId("schedule", p, s), SasResources.DeterministicId("role", p, s));
        Assert.True(Guid.TryParse(SasResources.DeterministicId("schedule", p, s), out _));
    }

    [Fact]
    public void Search_dates_read_offsets_local_times_and_whole_days()
    {
        Assert.Equal(DateTimeOffset.Parse("2021-11-04T14:19:35.760Z"), SearchSlots.ParseDate("2021-11-04T14:19:35.760+00:00", false));
        Assert.Equal(DateTimeOffset.Parse("2024-06-12T14:20:00Z"), SearchSlots.ParseDate("2024-06-12T16:20:00.000 02:00", false)); // '+' read as a space
        Assert.Equal(DateTimeOffset.Parse("2021-01-02T09:00:00Z"), SearchSlots.ParseDate("2021-01-02T10:00:00", false)); // Paris local
        var (start, end) = Paris.Day(new DateOnly(2026, 3, 29)); // 23-hour day
        Assert.Equal(start, SearchSlots.ParseDate("2026-03-29", false));
        Assert.True(SearchSlots.ParseDate("2026-03-29", true) < end && SearchSlots.ParseDate("2026-03-29", true) > end.AddSeconds(-1));
        Assert.Null(SearchSlots.ParseDate("tomorrow", false));
    }
}
