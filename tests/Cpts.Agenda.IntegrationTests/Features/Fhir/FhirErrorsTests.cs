// Firely models are nullable throughout; the assertions below check presence themselves.
#nullable disable
using Dapper;
using Hl7.Fhir.Model;

namespace Cpts.Agenda.IntegrationTests.Features.Fhir;

/// <summary>
/// Every error of a FHIR route is an OperationOutcome (application/fhir+json), whoever answers it:
/// the route, the authorization, the routing, the exception handler (500). Its own app: the last test
/// breaks the database on purpose.
/// </summary>
public sealed class FhirErrorsTests(FhirErrorsTests.BrokenApp app) : IClassFixture<FhirErrorsTests.BrokenApp>
{
    public sealed class BrokenApp : SasApp;

    private static async Task<OperationOutcome> ShouldBeOutcome(HttpResponseMessage response, HttpStatusCode status, OperationOutcome.IssueType type)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var outcome = Fhir.Parse<OperationOutcome>(body);
        Assert.Equal(type, outcome.Issue.Single().Code);
        return outcome;
    }

    [Fact]
    public async Task Unknown_routes_missing_tokens_and_wrong_roles_answer_an_OperationOutcome()
    {
        await ShouldBeOutcome(await app.As(Roles.Sas).GetAsync("/fhir/Patient"), HttpStatusCode.NotFound, OperationOutcome.IssueType.NotFound);
        await ShouldBeOutcome(await app.CreateClient().GetAsync("/fhir/Slot?status=free"), HttpStatusCode.Unauthorized, OperationOutcome.IssueType.Login);
        await ShouldBeOutcome(await app.As(Roles.Nurse, Guid.NewGuid()).GetAsync("/fhir/Slot?status=free"), HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden);
        await ShouldBeOutcome(await app.CreateClient().PostAsync("/fhir/metadata", null), HttpStatusCode.MethodNotAllowed, OperationOutcome.IssueType.NotSupported);
    }

    [Fact]
    public async Task A_500_on_a_FHIR_route_is_an_OperationOutcome_with_the_trace_id()
    {
        var gp = await app.NewPractitionerAsync();
        await using (var c = await app.OpenAsync()) await c.ExecuteAsync("ALTER TABLE slots RENAME TO slots_gone");
        try
        {
            var response = await app.Sas().GetAsync(
                Fhir.SlotQuery(app.NextHour(), app.NextHour(5), [gp.Rpps], includes: false));
            var outcome = await ShouldBeOutcome(response, HttpStatusCode.InternalServerError, OperationOutcome.IssueType.Exception);
            Assert.Contains("trace id", outcome.Issue[0].Diagnostics);
            Assert.DoesNotContain("slots", outcome.Issue[0].Diagnostics);
        }
        finally
        {
            await using var c = await app.OpenAsync();
            await c.ExecuteAsync("ALTER TABLE slots_gone RENAME TO slots");
        }
    }
}
