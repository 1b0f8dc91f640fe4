using Task = System.Threading.Tasks.Task;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>401 and 403 on the FHIR routes answer an OperationOutcome, as the guide's error responses; other routes keep problem details.</summary>
public sealed class FhirAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (context.Request.Path.StartsWithSegments("/fhir") && (authorizeResult.Challenged || authorizeResult.Forbidden))
        {
            if (authorizeResult.Challenged)
            {
                await FhirHttp.WriteAsync(context, StatusCodes.Status401Unauthorized, OperationOutcome.IssueType.Login,
                    "The SAS platform authenticates with its client certificate (mutual TLS), or in Development a bearer token with role sas.");
            }
            else
            {
                await FhirHttp.WriteAsync(context, StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden,
                    "This route serves the SAS platform only (role sas).");
            }
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
