using Cpts.Agenda.Api.Features.Notifications;

namespace Cpts.Agenda.Tests;

/// <summary>
/// A plan's family and subject kind are written into the planner's SQL as quoted literals: only plain
/// names are accepted, so no quote can ever reach that text, whoever builds a plan.
/// </summary>
public sealed class NotificationPlanTests
{
    [Theory]
    [InlineData("booking-notice'; DELETE FROM notifications; --", "booking")]
    [InlineData("booking-notice", "booking' OR '1'='1")]
    [InlineData("", "booking")]
    [InlineData("Booking", "booking")]
    public void A_plan_refuses_a_family_or_subject_kind_that_is_not_a_plain_name(string family, string subjectKind) =>
        Assert.Throws<ArgumentException>(() => new NotificationPlan(family, subjectKind, "SELECT 1"));

    [Fact]
    public void Every_plan_of_the_agenda_is_built_from_plain_names()
    {
        var plans = typeof(NotificationPlans).GetFields().Where(f => f.FieldType == typeof(NotificationPlan))
            .Select(f => (NotificationPlan)f.GetValue(null)!).ToList();

        Assert.True(plans.Count >= 9, $"{plans.Count} plans");
        Assert.All(plans, p => Assert.Matches("^[a-z-]+$", p.Family + p.SubjectKind));
    }
}
