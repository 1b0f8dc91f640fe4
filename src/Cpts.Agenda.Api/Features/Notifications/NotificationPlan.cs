namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>
/// One family of notifications, defined by ONE SELECT over the agenda: the rows that should exist now
/// (columns kind, subject_kind, subject_id, subject_at, recipient, channel, due_at). The planner
/// inserts them (ON CONFLICT DO NOTHING), cancels queued rows of the family the SELECT no longer
/// yields, and the sender re-runs the same SELECT for its one row before sending: one definition of
/// "the subject still holds". Parameters available: @Now, @LeadMinutes (int[]), @LeadLabels (text[]),
/// @CoordinatorChannel (text, null when no coordinator contact is configured). Every plan is a field of
/// <see cref="NotificationPlans"/> made of constants: its strings are written into SQL text. The family and
/// the subject kind go in as quoted literals, so each must be a plain name (lower-case letters and hyphens):
/// the constructor refuses anything else, whoever calls it.
/// </summary>
public sealed record NotificationPlan
{
    public NotificationPlan(string family, string subjectKind, string wanted)
    {
        Family = PlainName(family, nameof(family));
        SubjectKind = PlainName(subjectKind, nameof(subjectKind));
        Wanted = wanted;
    }

    public string Family { get; }

    public string SubjectKind { get; }

    /// <summary>The plan's SELECT: a const of <see cref="NotificationPlans"/>.</summary>
    public string Wanted { get; }

    private static string PlainName(string value, string name) =>
        value.Length > 0 && value.All(ch => ch is (>= 'a' and <= 'z') or '-')
            ? value
            : throw new ArgumentException($"A notification plan's {name} is written into SQL as a literal: only lower-case letters and hyphens ('{value}').", name);

    /// <summary>Kinds of this family: the family name itself or the family name followed by a lead (patient-reminder-24h).</summary>
    public bool Owns(string kind) => kind == Family || kind.StartsWith(Family + "-", StringComparison.Ordinal);
}
