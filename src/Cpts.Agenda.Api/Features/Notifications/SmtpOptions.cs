namespace Cpts.Agenda.Api.Features.Notifications;

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>StartTls (default), SslOnConnect or None.</summary>
    public string Security { get; set; } = "StartTls";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "agenda@cpts.invalid";
    public string FromName { get; set; } = "Agenda de la CPTS";
}
