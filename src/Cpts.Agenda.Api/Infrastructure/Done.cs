namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>An empty success, for use cases that return nothing.</summary>
public sealed record Done
{
    public static readonly Done Value = new();
}
