using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cpts.Agenda.Api.Infrastructure;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Cpts.Agenda.Api.Features.Fhir;

/// <summary>The answer of a Slot search: the matching rows and what to include, written by <see cref="SlotSearchsetWriter"/>.</summary>
public sealed record SlotSearchset(IReadOnlyList<SasSlotRow> Rows, IReadOnlySet<string> Includes, string SelfUrl, DateTimeOffset Now);
