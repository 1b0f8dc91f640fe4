namespace Cpts.Agenda.Api.Features.Directory;

/// <summary>A practitioner as a person reads an answer: id, name ("Claire Martin"), profession.</summary>
public sealed record PractitionerRef(Guid Id, string Name, string Profession)
{
    public static PractitionerRef? Of(Guid? id, string? firstName, string? lastName, string? profession) =>
        id is { } v ? new PractitionerRef(v, $"{firstName} {lastName}", profession ?? "") : null;
}
