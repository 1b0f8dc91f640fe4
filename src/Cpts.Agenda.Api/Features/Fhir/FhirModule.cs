using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>
/// The wiring of the SAS interface (FHIR R4): AddFhir registers its services, options and recurring job, MapFhir its routes (listed in
/// FhirEndpoints). Its Mediator handlers are registered by the source generator.
/// </summary>
public static class FhirModule
{
    public static WebApplicationBuilder AddFhir(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // First in line: the problem details service uses the first writer that takes a request.
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, FhirProblemWriter>());
        services.Configure<CptsOptions>(builder.Configuration.GetSection("Agenda:Cpts"));
        services.AddOptions<SasOptions>().Bind(builder.Configuration.GetSection("Sas")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SasOptions>, SasOptions.Validator>();
        services.AddSingleton(sp => new SasResources(
            sp.GetRequiredService<IOptions<CptsOptions>>().Value, sp.GetRequiredService<IOptions<PublicUrlOptions>>().Value.ForSas()));
        builder.AddSasAuthentication();
        services.AddHttpClient<ISasAppointmentSender, HttpSasAppointmentSender>(c => c.Timeout = TimeSpan.FromSeconds(20))
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var handler = new SocketsHttpHandler();
                // The SAS platform authenticates vendors by mutual TLS too: present our certificate when one is configured.
                if (sp.GetRequiredService<IOptions<SasOptions>>().Value is { OutboundCertificate: { Length: > 0 } path } o)
                    handler.SslOptions.ClientCertificates = [X509CertificateLoader.LoadPkcs12FromFile(path, o.OutboundCertificatePassword)];
                return handler;
            });

        // Sending is a recurring Hangfire job, registered at start only when a sender is configured.
        services.AddScoped<SasJobs>();
        services.AddRecurringJobs<SasRecurringJobs>();
        return builder;
    }

    public static IEndpointRouteBuilder MapFhir(this IEndpointRouteBuilder app) => FhirEndpoints.Map(app);
}
