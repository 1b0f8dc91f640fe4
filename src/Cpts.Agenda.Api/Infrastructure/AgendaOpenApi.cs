using System.Collections.Frozen;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Feature = Cpts.Agenda.Api.Features;

namespace Cpts.Agenda.Api.Infrastructure;

/// <summary>
/// /openapi/v1.json: the contract integrators generate clients from. The routes declare what is
/// particular to them (summaries, success bodies, extra statuses); the transformers here derive the
/// rest from each endpoint's metadata the same way for every route: security from its authorization,
/// the error statuses it can answer (401/403/404/409/413/415/422/429/503) as problem details
/// (OperationOutcome under /fhir), operation ids, enums, required and nullable properties.
/// docs/OPENAPI.md says what is declared how; tests/…/Platform/OpenApiContractTests.cs proves it.
/// </summary>
public static class AgendaOpenApi
{
    public const string Bearer = "bearer";
    public const string SasCertificate = "sasCertificate";
    public const string ProblemType = "application/problem+json";
    public const string FhirType = "application/fhir+json";
    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    private static readonly FrozenDictionary<string, string> TagDescriptions = new Dictionary<string, string>
    {
        ["Audit"] = "Who read or changed what (coordinator only).",
        ["Auth"] = "Development tokens.",
        ["Availability"] = "The regulator's search of free slots.",
        ["Bookings"] = "Booking a slot for a patient, cancelling it, recording its outcome.",
        ["Calendars"] = "iCalendar feeds of an agenda and busy calendars imported into it.",
        ["Directory"] = "Practitioners, sites and rooms of the CPTS.",
        ["Health"] = "Liveness and readiness probes.",
        ["Notifications"] = "Reminders and notices sent to patients and practitioners.",
        ["Reports"] = "CPTS indicators.",
        ["SAS (FHIR)"] = "The FHIR R4 interface of the national SAS platform.",
        ["Shifts"] = "MMG on-call shifts: generation, volunteering, assignment, swaps.",
        ["Slots"] = "SNP slots published by practitioners.",
        ["Telemedicine"] = "Telemedicine cabinets: room availability, reservations, teleconsultations.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static WebApplicationBuilder AddAgendaOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiDocumentOptions>().Bind(builder.Configuration.GetSection(ApiDocumentOptions.Section));
        builder.Services.AddOpenApi(o =>
        {
            o.CreateSchemaReferenceId = SchemaId;
            o.AddSchemaTransformer(TransformSchema);
            o.AddOperationTransformer(TransformOperation);
            o.AddDocumentTransformer(TransformDocumentAsync);
        });
        return builder;
    }

    /// <summary>The document when configured; in Development also the Scalar reference page at /scalar (its script is served by the package, no CDN).</summary>
    public static WebApplication MapAgendaOpenApi(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<ApiDocumentOptions>>().Value.IsServed(app.Environment)) return app;
        app.MapOpenApi().AllowAnonymous();
        if (app.Environment.IsDevelopment())
            app.MapScalarApiReference(o => o.WithTitle("Cpts.Agenda API")).AllowAnonymous();
        return app;
    }

    /// <summary>Schema names from the type's full nesting (BookSlot.Body → BookSlotBody), so same-named nested records never collide; [OpenApiSchemaName] keeps a moved type's name.</summary>
    public static string? SchemaId(JsonTypeInfo info) =>
        OpenApiOptions.CreateDefaultSchemaReferenceId(info) is null ? null : SchemaName(info.Type);

    public static string SchemaName(Type type)
    {
        if (type.GetCustomAttribute<OpenApiSchemaNameAttribute>() is { } named) return named.Name;
        var outer = type.IsNested && !type.IsGenericParameter ? SchemaName(type.DeclaringType!) : "";
        // Compiler-made names (anonymous types: <>f__AnonymousType3`1) keep only the characters a schema name may hold.
        var own = System.Text.RegularExpressions.Regex.Replace(type.Name.Replace("<>f__", "", StringComparison.Ordinal), "[^A-Za-z0-9_`]", "");
        if (!type.IsGenericType) return outer + own;
        var name = own[..own.IndexOf('`', StringComparison.Ordinal)];
        return outer + name + "Of" + string.Concat(type.GetGenericArguments().Select(SchemaName));
    }

    private static Task TransformSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        var property = context.JsonPropertyInfo;
        var nullable = property is not null && IsNullable(property);

        // Instants are written by ParisInstantConverter: a custom converter hides their type from the generator.
        if ((Nullable.GetUnderlyingType(type) ?? type) == typeof(DateTimeOffset))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = "date-time";
        }
        // Numbers are read from strings too (web defaults), but always written as numbers: declare them as numbers.
        if (schema.Type is { } t && (t & JsonSchemaType.String) != 0 && (t & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0)
        {
            schema.Type = t & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        if (schema.Type is { } s && s != JsonSchemaType.Null && property is not null)
            schema.Type = nullable ? s | JsonSchemaType.Null : s & ~JsonSchemaType.Null;

        // A list of object (the bulk manifest's error list) gets no items from the generator: its entries are JSON objects.
        if (schema.Type is { } a && (a & JsonSchemaType.Array) != 0 && schema.Items is null)
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.Object };

        var values = property?.AttributeProvider?.GetCustomAttributes(typeof(ValuesFromAttribute), true).OfType<ValuesFromAttribute>().FirstOrDefault()
            ?? (context.ParameterDescription?.ParameterDescriptor is IParameterInfoParameterDescriptor p
                ? p.ParameterInfo.GetCustomAttribute<ValuesFromAttribute>() : null);
        if (values is not null)
        {
            schema.Enum = values.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
            if (nullable) schema.Enum.Add(null!);
        }

        // Required: every property that is never null (answers write null properties; they are never left out).
        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema.Properties is { Count: > 0 })
        {
            var required = context.JsonTypeInfo.Properties.Where(m => schema.Properties.ContainsKey(m.Name) && !IsNullable(m)).Select(m => m.Name).ToList();
            schema.Required = required.Count > 0 ? new HashSet<string>(required, StringComparer.Ordinal) : null;
        }
        return Task.CompletedTask;
    }

    /// <summary>Null is a possible value: a nullable annotation, unless [Required] says the service refuses null.</summary>
    private static bool IsNullable(JsonPropertyInfo property)
    {
        if (property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), true) == true) return false;
        if (Nullable.GetUnderlyingType(property.PropertyType) is not null) return true;
        if (property.PropertyType.IsValueType) return false;
        var state = property.AttributeProvider switch
        {
            PropertyInfo p => Nullability.Create(p).ReadState,
            FieldInfo f => Nullability.Create(f).ReadState,
            _ => NullabilityState.Unknown,
        };
        return state != NullabilityState.NotNull;
    }

    private static NullabilityInfoContext Nullability => new();

    private static Task TransformOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = description.HttpMethod ?? "GET";
        var path = "/" + (description.RelativePath ?? "").Split('?')[0];
        var fhir = path.StartsWith("/fhir", StringComparison.Ordinal);
        var access = Access.Of(metadata);

        operation.OperationId ??= OperationId(method, path);
        operation.Summary ??= $"{method} {path}";
        var who = access switch
        {
            { Anonymous: true } => "Anonymous: no token needed.",
            { AllowedRoles: null } => "Any authenticated caller.",
            { AllowedRoles: var roles } => $"Roles: {string.Join(", ", roles)}.",
        };
        operation.Description = operation.Description is { Length: > 0 } d ? $"{d}\n\n{who}" : who;

        operation.Security = access.Anonymous
            ? []
            : access.Sas
                ? [Requirement(SasCertificate, context.Document), Requirement(Bearer, context.Document)]
                : [Requirement(Bearer, context.Document)];

        var hasBody = description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body || p.Source == BindingSource.Form)
            || metadata.OfType<IAcceptsMetadata>().Any();
        var hasInput = hasBody || description.ParameterDescriptions.Any(p => p.Source != BindingSource.Services && p.Source != BindingSource.Special);
        var statuses = new List<int>();
        if (hasInput) statuses.Add(StatusCodes.Status400BadRequest);
        if (!access.Anonymous) statuses.Add(StatusCodes.Status401Unauthorized);
        if (access.AllowedRoles is not null) statuses.Add(StatusCodes.Status403Forbidden);
        if (path.Contains('{', StringComparison.Ordinal)) statuses.Add(StatusCodes.Status404NotFound);
        if (!access.Anonymous && WriteMethods.Contains(method))
            statuses.AddRange([StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity]);
        if (hasBody) statuses.AddRange([StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType]);
        if (metadata.OfType<EnableRateLimitingAttribute>().Any()) statuses.Add(StatusCodes.Status429TooManyRequests);
        if (!access.Anonymous || fhir || path.StartsWith("/ical", StringComparison.Ordinal) || path == "/health/ready")
            statuses.Add(StatusCodes.Status503ServiceUnavailable);

        operation.Responses ??= [];
        foreach (var status in statuses.Distinct())
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.ContainsKey(key)) continue;
            operation.Responses[key] = ErrorResponse(status, fhir, context.Document);
        }
        // Error answers declared by the route itself (ProducesProblem) are problem details too; under /fhir, OperationOutcome.
        foreach (var (key, response) in operation.Responses.ToList())
        {
            if (!key.StartsWith('4') && !key.StartsWith('5')) continue;
            if (response is OpenApiResponse r && (r.Content is null || r.Content.Count == 0 || fhir))
                operation.Responses[key] = ErrorResponse(int.Parse(key, System.Globalization.CultureInfo.InvariantCulture), fhir, context.Document);
        }

        if (operation.RequestBody is OpenApiRequestBody body && body.Content?.TryGetValue("application/json", out var json) == true
            && description.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type is { } bodyType
            && Examples.TryGetValue(bodyType, out var example))
            json.Example = JsonNode.Parse(example);
        return Task.CompletedTask;
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static OpenApiResponse ErrorResponse(int status, bool fhir, OpenApiDocument? document) => new()
    {
        Description = ReasonPhrases.Of(status),
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [fhir ? FhirType : ProblemType] = new()
            {
                Schema = new OpenApiSchemaReference(
                    fhir ? "OperationOutcome" : status == StatusCodes.Status400BadRequest ? "HttpValidationProblemDetails" : "ProblemDetails", document),
            },
        },
    };

    /// <summary>GET /api/bookings/{id}/cancel → postBookingsIdCancel style ids, unique per method and path.</summary>
    public static string OperationId(string method, string path)
    {
        var words = path.Split('/', '{', '}', '.', '-', '$').Where(w => w.Length > 0 && w != "api");
        return method.ToLowerInvariant() + string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }

    private static async Task TransformDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        var publicUrl = context.ApplicationServices.GetRequiredService<IOptions<PublicUrlOptions>>().Value;
        document.Info = new OpenApiInfo
        {
            Title = "Cpts.Agenda API",
            Version = "1.0.0",
            Description = "Scheduling for a CPTS: SNP slots booked by the SAS regulator, MMG on-call shifts, telemedicine cabinets, "
                + "iCalendar feeds and the FHIR interface of the SAS platform. Errors are problem details (RFC 9457); under /fhir, OperationOutcome. "
                + "Instants are ISO 8601 with an offset; answers show them in Europe/Paris time.",
            Contact = new OpenApiContact { Name = "The CPTS running this service" },
        };
        if (publicUrl.DocumentServer() is { } publicBase)
            document.Servers = [new OpenApiServer { Url = publicBase }];
        foreach (var server in document.Servers ?? [])
            if (server.Url is { Length: > 1 } url) server.Url = url.TrimEnd('/');

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "An access token of the CPTS identity provider (Auth:Authority); in Development, POST /auth/dev-token. Its role claim decides what the caller may do.",
            },
            [SasCertificate] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.MutualTLS,
                Description = "The SAS platform's IGC-Santé client certificate (Sas:ClientCa, Sas:AllowedSubjects). In Development a bearer token of role sas is accepted too.",
            },
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var problem in new[] { typeof(ProblemDetails), typeof(HttpValidationProblemDetails) })
        {
            if (document.Components.Schemas.ContainsKey(problem.Name)) continue;
            document.Components.Schemas[problem.Name] = await context.GetOrCreateSchemaAsync(problem, null, ct);
        }
        document.Components.Schemas["OperationOutcome"] = FhirSchema("OperationOutcome", "A FHIR R4 OperationOutcome: what was wrong, in issue[].diagnostics.");
        document.Components.Schemas["FhirResource"] = FhirSchema(null, "A FHIR R4 resource (Bundle, CapabilityStatement…) as FHIR JSON.");

        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(used.Select(name => new OpenApiTag
        {
            Name = name, Description = TagDescriptions.GetValueOrDefault(name, name),
        }));
        RemoveUnused(document);
    }

    private static OpenApiSchema FhirSchema(string? resourceType, string description) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        Required = new HashSet<string> { "resourceType" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["resourceType"] = resourceType is null
                ? new OpenApiSchema { Type = JsonSchemaType.String }
                : new OpenApiSchema { Type = JsonSchemaType.String, Const = resourceType },
        },
    };

    /// <summary>Schemas no operation reaches any more (e.g. FhirResource when no route answers one) are left out.</summary>
    private static void RemoveUnused(OpenApiDocument document)
    {
        var text = SerializeForReferences(document);
        foreach (var name in document.Components!.Schemas!.Keys.ToList())
            if (!text.Contains($"\"#/components/schemas/{name}\"", StringComparison.Ordinal))
                document.Components.Schemas.Remove(name);
    }

    private static string SerializeForReferences(OpenApiDocument document)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(writer));
        return writer.ToString();
    }

    /// <summary>Examples of the main request bodies (valid against their schemas: the lint checks them).</summary>
    private static readonly FrozenDictionary<Type, string> Examples = new Dictionary<Type, string>
    {
        [typeof(Feature.Bookings.BookSlot.Body)] = """
            {"slotId":"3f2b8c1e-6d4a-4b7e-9a51-2c8d0e6f4a10","patient":{"firstName":"Camille","lastName":"Martin","birthDate":"1984-05-17","phone":"+33612345678","hasRegularDoctor":true},"reason":"Fièvre depuis 3 jours","channel":"sas"}
            """,
        [typeof(Feature.Slots.PublishSlots.SlotBody)] = """
            {"practitionerId":"8d5e2f7a-1b3c-4d6e-8f90-a1b2c3d4e5f6","start":"2026-03-30T18:00:00+02:00","end":"2026-03-30T18:20:00+02:00","siteId":"5c4b3a29-1807-4f6e-9d5c-4b3a29180716","mode":"in-person","visibility":"sas"}
            """,
        [typeof(Feature.Directory.CreatePractitioner.Body)] = """
            {"rpps":"10003456782","firstName":"Claire","lastName":"Durand","profession":"generalist","phone":"+33384000000","email":"claire.durand@example.org","postalCode":"70000","acceptsNewPatients":true}
            """,
        [typeof(Feature.Telemedicine.BookTeleconsultation.Body)] = """
            {"roomId":"0b9a8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d","start":"2026-03-30T10:00:00+02:00","end":"2026-03-30T10:20:00+02:00","nurseId":"1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d","doctorId":"8d5e2f7a-1b3c-4d6e-8f90-a1b2c3d4e5f6","patient":{"firstName":"Louis","lastName":"Bernard","birthDate":"1951-11-02","phone":null,"hasRegularDoctor":true},"reason":"Plaie à surveiller","holder":null}
            """,
        [typeof(Feature.Shifts.GenerateShifts.Body)] = """
            {"from":"2026-04-01","to":"2026-04-30","profession":"generalist","template":null}
            """,
    }.ToFrozenDictionary();

    /// <summary>Describes a route parameter the generator lists without words.</summary>
    public static void DescribeParameter(OpenApiOperation operation, string name, string description)
    {
        if (operation.Parameters?.FirstOrDefault(p => p.Name == name) is OpenApiParameter parameter) parameter.Description = description;
    }

    /// <summary>Query parameters a route reads from the query string itself (the FHIR search syntax), declared for the document.</summary>
    public static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> Query(params QueryParameter[] parameters) =>
        (operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var q in parameters)
            {
                IOpenApiSchema schema = q.Values is { } values
                    ? new OpenApiSchema { Type = JsonSchemaType.String, Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList() }
                    : new OpenApiSchema { Type = JsonSchemaType.String, Format = q.Format };
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = q.Name, In = ParameterLocation.Query, Required = q.Required, Description = q.Description,
                    Schema = q.Repeated ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = schema } : schema,
                    Explode = q.Repeated, Style = ParameterStyle.Form,
                });
            }
            return Task.CompletedTask;
        };

    public sealed record QueryParameter(string Name, string Description, bool Required = false, bool Repeated = false, string[]? Values = null, string? Format = null);

    /// <summary>A FHIR answer: FHIR JSON (or NDJSON, one resource a line) that the generator cannot see through IResult.</summary>
    public static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> FhirAnswer(string contentType) =>
        (operation, context, _) =>
        {
            operation.Responses ??= [];
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = contentType == FhirType ? "A FHIR resource." : "One FHIR resource a line (NDJSON).",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [contentType] = new()
                    {
                        Schema = contentType == FhirType ? new OpenApiSchemaReference("FhirResource", context.Document) : new OpenApiSchema { Type = JsonSchemaType.String },
                    },
                },
            };
            return Task.CompletedTask;
        };

    /// <summary>POST …/busy-calendars: {url} as JSON, an .ics file in a multipart form (field file), or the .ics itself as the body.</summary>
    public static Task BusyCalendarBodies(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var ics = new OpenApiSchema { Type = JsonSchemaType.String, Description = "An iCalendar (.ics) text: its VEVENTs become busy times." };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "A calendar URL to poll (JSON), or an .ics imported once (multipart field file, or the text itself).",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new()
                {
                    Schema = new OpenApiSchemaReference(SchemaName(typeof(Feature.Calendars.AddBusyCalendarBody)), context.Document),
                    Example = JsonNode.Parse("""{"url":"https://calendar.example.org/ical/busy.ics"}"""),
                },
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "file" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The .ics file." },
                        },
                    },
                },
                ["text/calendar"] = new() { Schema = ics },
                ["text/plain"] = new() { Schema = ics },
            },
        };
        return Task.CompletedTask;
    }

    /// <summary>Who may call an endpoint, read from its authorization metadata.</summary>
    private sealed record Access(bool Anonymous, bool Sas, IReadOnlyList<string>? AllowedRoles)
    {
        public static Access Of(IList<object> metadata)
        {
            if (metadata.OfType<IAllowAnonymous>().Any()) return new(true, false, null);
            var data = metadata.OfType<IAuthorizeData>().ToList();
            var policies = metadata.OfType<AuthorizationPolicy>().ToList();
            if (data.Count == 0 && policies.Count == 0) return new(true, false, null);
            if (data.Any(d => d.Policy == Feature.Fhir.SasAuthentication.Policy)) return new(false, true, [Roles.Sas]);
            IEnumerable<string>? roles = null;
            foreach (var allowed in policies.SelectMany(p => p.Requirements.OfType<RolesAuthorizationRequirement>()).Select(r => r.AllowedRoles)
                         .Concat(data.Where(d => !string.IsNullOrEmpty(d.Roles)).Select(d => (IEnumerable<string>)d.Roles!.Split(','))))
                roles = roles is null ? allowed.ToList() : roles.Intersect(allowed).ToList();
            return new(false, false, roles?.ToList());
        }
    }
}
