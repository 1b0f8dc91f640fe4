using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>The configured CA bundle, read once.</summary>
public sealed class SasTrust(IOptions<SasOptions> options, ILogger<SasTrust> logger)
{
    private readonly Lazy<X509Certificate2Collection> _authorities = new(() =>
    {
        var collection = new X509Certificate2Collection();
        if (options.Value.ClientCa is { Length: > 0 } path)
        {
            collection.ImportFromPemFile(path);
            logger.LogInformation("SAS mutual TLS: {Count} certificate authorities loaded", collection.Count);
        }
        return collection;
    });

    public X509Certificate2Collection Authorities => _authorities.Value;
}
