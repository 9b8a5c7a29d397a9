using MediatR;
using Registry.Application.Catalog;
using Registry.Application.Common;

namespace Registry.Api.Endpoints;

public static class CatalogEndpoints
{
    public sealed record ContentBody(string Title, string Description, string Domain, IReadOnlyList<string> Modalities, IReadOnlyList<string> TaskTypes,
        decimal Volume, string VolumeUnit, string SecurityLevel, string Openness, string? OpennessConditions, string RegionCode, string SourceSystem,
        string UpdateFrequency, string Contact);

    public sealed record WithdrawBody(string Reason);

    public static RouteGroupBuilder MapCatalog(this RouteGroupBuilder api)
    {
        var catalog = api.MapGroup("/catalog").WithTags("Public data labeling directory");
        var open = catalog.MapGroup("").AllowAnonymous();
        var secured = catalog.MapGroup("").RequireAuthorization();

        open.MapGet("/", (string? q, string? domain, string? modality, string? taskType, string? securityLevel, string? openness, string? region,
                    Guid? agencyId, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new SearchCatalog(q, domain, modality, taskType, securityLevel, openness, region, agencyId, page ?? 1,
                    pageSize ?? Paging.DefaultPageSize), ct))
            .WithName("SearchCatalog")
            .WithSummary("Search the published entries of the public data labeling directory (公共数据标注目录), with facets")
            .Produces<CatalogSearchResult>().ProducesValidationProblem();

        open.MapGet("/{id:guid}", async (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var view = await mediator.Send(new GetCatalogEntry(id), ct);
                return Http.WithETag(http, view, view.RowVersion);
            })
            .WithName("GetCatalogEntry").WithSummary("One catalog entry (drafts only for the agency that compiles it)")
            .Produces<CatalogEntryView>().ProducesProblem(404);

        open.MapGet("/{id:guid}/versions", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new ListCatalogEntryVersions(id), ct))
            .WithName("ListCatalogEntryVersions").WithSummary("The versions of a catalog entry; earlier versions stay readable")
            .Produces<IReadOnlyList<CatalogVersionView>>().ProducesProblem(404);

        secured.MapPost("/", async (CreateCatalogEntry body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var view = await mediator.Send(body, ct);
                return Http.WithETag(http, view, view.RowVersion, 201, $"/api/v1/catalog/{view.Id}");
            })
            .WithName("CreateCatalogEntry").WithSummary("Compile a new catalog entry as a draft (agency)")
            .Produces<CatalogEntryView>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        secured.MapPut("/{id:guid}", async (Guid id, ContentBody b, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var view = await mediator.Send(new UpdateCatalogEntry(id, Http.IfMatch(http.Request), b.Title, b.Description, b.Domain, b.Modalities,
                    b.TaskTypes, b.Volume, b.VolumeUnit, b.SecurityLevel, b.Openness, b.OpennessConditions, b.RegionCode, b.SourceSystem,
                    b.UpdateFrequency, b.Contact), ct);
                return Http.WithETag(http, view, view.RowVersion);
            })
            .WithName("UpdateCatalogEntry").WithSummary("Edit the draft version of an entry (its agency). Requires If-Match.")
            .Produces<CatalogEntryView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404)
            .ProducesProblem(409).ProducesProblem(412);

        secured.MapPost("/{id:guid}/publish", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new PublishCatalogEntry(id), ct))
            .WithName("PublishCatalogEntry").WithSummary("Publish the draft version (its agency)")
            .Produces<CatalogEntryView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        secured.MapPost("/{id:guid}/withdraw", (Guid id, WithdrawBody b, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new WithdrawCatalogEntry(id, b.Reason), ct))
            .WithName("WithdrawCatalogEntry").WithSummary("Withdraw a published entry with a reason (its agency)")
            .Produces<CatalogEntryView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        secured.MapPost("/{id:guid}/versions", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new CreateCatalogEntryVersion(id), ct))
            .WithName("CreateCatalogEntryVersion").WithSummary("Start a new draft version from the latest one (its agency)")
            .Produces<CatalogEntryView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        secured.MapPost("/import", async (bool? publish, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var rows = await ReadImportAsync(http.Request, ct);
                return await mediator.Send(new ImportCatalogEntries(rows, publish ?? false), ct);
            })
            .WithName("ImportCatalogEntries")
            .WithSummary("Import entries from CSV (text/csv) or JSON ({\"rows\": [...]}); one result per row; re-uploading changes nothing (agency)")
            .Accepts<ImportBody>("application/json", "text/csv")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxImportBytes))
            .Produces<CatalogImportReport>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(413);
        return api;
    }

    public sealed record ImportBody(IReadOnlyList<CatalogImportRow> Rows);

    /// <summary>An import file's largest size; the request limits refuse a larger body (even chunked) with 413 while it is read.</summary>
    public const int MaxImportBytes = 20 * 1024 * 1024;

    private static async Task<IReadOnlyList<CatalogImportRow>> ReadImportAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
            return CatalogCsv.Parse(await reader.ReadToEndAsync(ct));
        }
        var body = await request.ReadFromJsonAsync<ImportBody>(ct);
        return body?.Rows ?? throw ValidationFailed.For("rows", "Send {\"rows\": [...]} as JSON, or a CSV file as text/csv.");
    }
}
