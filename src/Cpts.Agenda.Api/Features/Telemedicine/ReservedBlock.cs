namespace Cpts.Agenda.Api.Features.Telemedicine;

public sealed record ReservedBlock(DateTimeOffset Start, DateTimeOffset End, string Holder);
