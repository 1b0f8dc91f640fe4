using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Cpts.Agenda.IntegrationTests.Features.Fhir;

/// <summary>
/// Firely's validator (Firely.Fhir.Validation.R4) over the R4 specification (Hl7.Fhir.Specification.Data.R4)
/// and the conformance resources of the SAS guide 1.2.0 in fhir-profiles/ (see its README.md). Built once for
/// the whole run: compiling the profiles is the slow part, each validation after that is quick.
/// </summary>
public sealed class FhirProfiles
{
    private static readonly Lazy<FhirProfiles> Instance = new(() => new FhirProfiles());

    public static FhirProfiles Shared => Instance.Value;

    private readonly Validator baseValidator;
    private readonly Validator profileValidator;
    private readonly Lock gate = new();

    private FhirProfiles()
    {
        var r4 = ZipSource.CreateValidationSource();
        var sas = new DirectorySource(Path.Combine(AppContext.BaseDirectory, "fhir-profiles"), new DirectorySourceSettings { IncludeSubDirectories = true });
        var resolver = new CachedResolver(new MultiResolver(r4, sas, new FrCoreStandIns(r4)));
        var terminology = new LocalTerminologyService(resolver.AsAsync());
        baseValidator = new Validator(resolver.AsAsync(), terminology);
        // FR Core 1.1.0's snapshots copy ref-1 with a wrong source (…/Encounter), so the validator evaluates it as
        // plain FHIRPath, which is empty, hence failed, on a reference that has only an identifier — the guide's own
        // PractitionerRole example fails it too. Base R4 validation checks ref-1 on every reference; the profile
        // validation leaves it out (docs/SAS.md, "Validator").
        var settings = new ValidationSettings();
#pragma warning disable ExperimentalApi // the assertion types of the compiled profiles
        settings.ExcludeFilters.Add(a => a is FhirPathValidator { Key: "ref-1" });
#pragma warning restore ExperimentalApi
        profileValidator = new Validator(resolver.AsAsync(), terminology, null, settings);
    }

    /// <summary>One issue of a validation: severity, where, what.</summary>
    public sealed record Issue(OperationOutcome.IssueSeverity Severity, string Where, string What)
    {
        public override string ToString() => $"{Severity} at {Where}: {What}";
    }

    /// <summary>Against base R4 only: the resource without its meta.profile claims, validated against its core type.</summary>
    public IReadOnlyList<Issue> ValidateBase(Resource resource)
    {
        var copy = (Resource)resource.DeepCopy();
        StripProfiles(copy);
        return Run(baseValidator, copy, $"http://hl7.org/fhir/StructureDefinition/{copy.TypeName}");
    }

    /// <summary>Against the given profile (and, as the validator always does, the profiles the resource claims).</summary>
    public IReadOnlyList<Issue> Validate(Resource resource, string profile) => Run(profileValidator, resource, profile);

    private List<Issue> Run(Validator validator, Resource resource, string profile)
    {
        OperationOutcome outcome;
        lock (gate) outcome = validator.Validate(resource, profile);
        return outcome.Issue
            .Where(i => i.Severity is not OperationOutcome.IssueSeverity.Information)
            .Select(i => new Issue(i.Severity ?? OperationOutcome.IssueSeverity.Error, string.Join(",", i.Expression ?? i.Location ?? []), i.Details?.Text ?? i.Diagnostics ?? ""))
            .ToList();
    }

    private static void StripProfiles(Resource resource)
    {
        if (resource.Meta is { } meta)
        {
            meta.Profile = [];
            if (meta is { Security.Count: 0, Tag.Count: 0, LastUpdated: null, VersionId: null, Source: null }) resource.Meta = null;
        }
        switch (resource)
        {
            case Bundle bundle:
                foreach (var entry in bundle.Entry) if (entry.Resource is { } r) StripProfiles(r);
                break;
            case DomainResource domain:
                foreach (var contained in domain.Contained) StripProfiles(contained);
                break;
        }
    }
}
