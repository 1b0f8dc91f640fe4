namespace Cpts.Agenda.IntegrationTests.Infrastructure;

/// <summary>A cabinet, its people and teleconsultation bodies, for the telemedicine tests.</summary>
public sealed record Cabinet(Guid SiteId, Guid RoomId, Guid NurseId, Guid DoctorId);
