using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Registry.Application.Catalog;
using Registry.Application.Common;

namespace Registry.Api.Endpoints;

public static class CatalogEndpoints
{
    public sealed record ContentBody(string Title, string Description, string Domain, IReadOnlyList<string> Modalities, IReadOnlyList<string> TaskTypes,
        decimal Volume, string VolumeUnit, string SecurityLevel, string Openness, string? OpennessConditions, string RegionCode, string SourceSystem,
        string UpdateFrequency, string Contact);

    public sealed record WithdrawBody(string Reason);

    // Bound by the names the query string has always used, which the OpenAPI document shows too.
    public sealed record SearchCatalogQuery([FromQuery(Name = "q")] string? Q, [FromQuery(Name = "domain")] string[]? Domain,
        [FromQuery(Name = "modality")] string[]? Modality, [FromQuery(Name = "taskType")] string[]? TaskType,
        [FromQuery(Name = "securityLevel")] string[]? SecurityLevel, [FromQuery(Name = "openness")] string[]? Openness,
        [FromQuery(Name = "region")] string? Region, [FromQuery(Name = "agencyId")] Guid? AgencyId, [FromQuery(Name = "sort")] string? Sort,
        [FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize);

    public static RouteGroupBuilder MapCatalog(this RouteGroupBuilder api)
    {
        var catalog = api.MapGroup("/catalog").WithTags("Public data labeling directory");
        var open = catalog.MapGroup("").AllowAnonymous();
        var secured = catalog.MapGroup("").RequireAuthorization();

        open.MapGet("/", SearchCatalog)
            .WithName("SearchCatalog")
            .WithSummary("Search the published entries of the public data labeling directory (公共数据标注目录), with facets")
            .Produces<CatalogSearchResult>().ProducesValidationProblem();

        open.MapGet("/{id:guid}", GetCatalogEntry)
            .WithName("GetCatalogEntry").WithSummary("One catalog entry (drafts only for the agency that compiles it)")
            .Produces<CatalogEntryView>().ProducesProblem(404);

        open.MapGet("/{id:guid}/versions", ListCatalogEntryVersions)
            .WithName("ListCatalogEntryVersions").WithSummary("The versions of a catalog entry; earlier versions stay readable")
            .Produces<IReadOnlyList<CatalogVersionView>>().ProducesProblem(404);

        secured.MapPost("/", CreateCatalogEntry)
            .WithName("CreateCatalogEntry").WithSummary("Compile a new catalog entry as a draft (agency)")
            .Produces<CatalogEntryView>(201).ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        secured.MapPut("/{id:guid}", UpdateCatalogEntry)
            .WithName("UpdateCatalogEntry").WithSummary("Edit the draft version of an entry (its agency). Requires If-Match.")
            .Produces<CatalogEntryView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404)
            .ProducesProblem(409).ProducesProblem(412);

        secured.MapPost("/{id:guid}/publish", PublishCatalogEntry)
            .WithName("PublishCatalogEntry").WithSummary("Publish the draft version (its agency)")
            .Produces<CatalogEntryView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        secured.MapPost("/{id:guid}/withdraw", WithdrawCatalogEntry)
            .WithName("WithdrawCatalogEntry").WithSummary("Withdraw a published entry with a reason (its agency)")
            .Produces<CatalogEntryView>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        secured.MapPost("/{id:guid}/versions", CreateCatalogEntryVersion)
            .WithName("CreateCatalogEntryVersion").WithSummary("Start a new draft version from the latest one (its agency)")
            .Produces<CatalogEntryView>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        secured.MapPost("/import", ImportCatalogEntries)
            .WithName("ImportCatalogEntries")
            .WithSummary("Import entries from CSV (text/csv) or JSON ({\"rows\": [...]}); one result per row; re-uploading changes nothing (agency)")
            .Accepts<ImportBody>("application/json", "text/csv")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxImportBytes))
            .Produces<CatalogImportReport>().ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(413);
        return api;
    }

    static async Task<Ok<CatalogSearchResult>> SearchCatalog([AsParameters] SearchCatalogQuery q, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Catalog.SearchCatalog(q.Q, q.Domain, q.Modality, q.TaskType, q.SecurityLevel, q.Openness,
            q.Region, q.AgencyId, q.Sort, q.Page ?? 1, q.PageSize ?? Paging.DefaultPageSize), ct));

    static async Task<Ok<CatalogEntryView>> GetCatalogEntry(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var view = await mediator.Send(new Application.Catalog.GetCatalogEntry(id), ct);
        return Http.Ok(http, view, view.RowVersion);
    }

    static async Task<Ok<IReadOnlyList<CatalogVersionView>>> ListCatalogEntryVersions(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Catalog.ListCatalogEntryVersions(id), ct));

    static async Task<Created<CatalogEntryView>> CreateCatalogEntry(Application.Catalog.CreateCatalogEntry body, HttpContext http, IMediator mediator,
        CancellationToken ct)
    {
        var view = await mediator.Send(body, ct);
        return Http.Created(http, $"/api/v1/catalog/{view.Id}", view, view.RowVersion);
    }

    static async Task<Ok<CatalogEntryView>> UpdateCatalogEntry(Guid id, ContentBody b, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var view = await mediator.Send(new Application.Catalog.UpdateCatalogEntry(id, Http.IfMatch(http.Request), b.Title, b.Description, b.Domain,
            b.Modalities, b.TaskTypes, b.Volume, b.VolumeUnit, b.SecurityLevel, b.Openness, b.OpennessConditions, b.RegionCode, b.SourceSystem,
            b.UpdateFrequency, b.Contact), ct);
        return Http.Ok(http, view, view.RowVersion);
    }

    static async Task<Ok<CatalogEntryView>> PublishCatalogEntry(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Catalog.PublishCatalogEntry(id), ct));

    static async Task<Ok<CatalogEntryView>> WithdrawCatalogEntry(Guid id, WithdrawBody b, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Catalog.WithdrawCatalogEntry(id, b.Reason), ct));

    static async Task<Ok<CatalogEntryView>> CreateCatalogEntryVersion(Guid id, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Application.Catalog.CreateCatalogEntryVersion(id), ct));

    static async Task<Ok<CatalogImportReport>> ImportCatalogEntries(bool? publish, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var rows = await ReadImportAsync(http.Request, ct);
        return TypedResults.Ok(await mediator.Send(new Application.Catalog.ImportCatalogEntries(rows, publish ?? false), ct));
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
