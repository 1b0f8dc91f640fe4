namespace Cpts.Agenda.Api.Features.Members;

/// <summary>
/// A member of this CPTS: who may sign in to the pages and as what (docs/SIGN-IN.md). role null: known,
/// not given a role yet. practitionerName is the directory practitioner they are, when they are one.
/// </summary>
public sealed record MemberDto(
    Guid Id, string DisplayName, [property: ValuesFrom(typeof(ManageMembers), nameof(ManageMembers.Roles))] string? Role,
    Guid? PractitionerId, string? PractitionerName, string? NationalId, string? Email, DateTimeOffset CreatedAt);
