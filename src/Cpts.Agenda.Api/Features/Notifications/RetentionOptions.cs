namespace Cpts.Agenda.Api.Features.Notifications;

/// <summary>Agenda:Retention — how long patient identity is kept after the appointment.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Agenda:Retention";
    public int Days { get; set; } = 90;
}
