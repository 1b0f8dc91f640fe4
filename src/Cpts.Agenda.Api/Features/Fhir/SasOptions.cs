using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>Section <c>Sas</c>: how the SAS platform reaches us and how we reach it.</summary>
public sealed class SasOptions
{
    /// <summary>PEM bundle of the certificate authorities whose client certificates are accepted (IGC-Santé).</summary>
    public string? ClientCa { get; set; }

    /// <summary>Client certificate subjects accepted: the full distinguished name or the CN alone.</summary>
    public List<string> AllowedSubjects { get; set; } = [];

    /// <summary>Check the revocation of client certificates online (CRL/OCSP of the authority); off by default.</summary>
    public bool CheckRevocation { get; set; }

    /// <summary>PKCS#12 file of our own client certificate, presented to the SAS when sending Appointments (mutual TLS).</summary>
    public string? OutboundCertificate { get; set; }

    public string? OutboundCertificatePassword { get; set; }

    /// <summary>Base URL of the SAS FHIR server receiving Appointment messages (INT_R03); none: nothing is sent.</summary>
    public string? AppointmentEndpoint { get; set; }

    /// <summary>Identifier system of our appointment ids (the guide asks for the vendor's OID or URL).</summary>
    public string? AppointmentIdentifierSystem { get; set; }

    /// <summary>Attempts before an event is given up (status failed).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The recurring sender job (every minute): on by default when an endpoint is configured.</summary>
    public bool SenderEnabled { get; set; } = true;

    public bool SendsAppointments => !string.IsNullOrWhiteSpace(AppointmentEndpoint) && SenderEnabled;

    /// <summary>Checked at start-up, one line per broken setting.</summary>
    public sealed class Validator(IHostEnvironment environment) : IValidateOptions<SasOptions>
    {
        public ValidateOptionsResult Validate(string? name, SasOptions o)
        {
            var failures = new List<string>();
            if (o.AllowedSubjects.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 500))
                failures.Add("Sas:AllowedSubjects holds an empty or overlong subject: each is a distinguished name or a CN.");
            if (!string.IsNullOrWhiteSpace(o.ClientCa))
            {
                if (!File.Exists(o.ClientCa)) failures.Add("Sas:ClientCa names a file that does not exist.");
                if (o.AllowedSubjects.Count == 0) failures.Add("Sas:AllowedSubjects is required with Sas:ClientCa: the subjects of the SAS platform's certificates.");
            }
            if (!string.IsNullOrWhiteSpace(o.OutboundCertificate) && !File.Exists(o.OutboundCertificate))
                failures.Add("Sas:OutboundCertificate names a file that does not exist.");
            if (!string.IsNullOrWhiteSpace(o.AppointmentEndpoint) &&
                (!Uri.TryCreate(o.AppointmentEndpoint, UriKind.Absolute, out var endpoint) ||
                 !(endpoint.Scheme == "https" || (endpoint.Scheme == "http" && environment.IsDevelopment()))))
                failures.Add("Sas:AppointmentEndpoint must be an absolute https:// URL.");
            if (o.MaxAttempts is < 1 or > 100) failures.Add("Sas:MaxAttempts must be between 1 and 100.");
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
