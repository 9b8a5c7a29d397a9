using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Application.Common.Search;
using Registry.Domain.Catalog;
using Registry.Domain.Reference;
using Registry.Domain.Regions;

namespace Registry.Application.Catalog;

/// <summary>A published catalog entry as a search result.</summary>
public sealed record CatalogSummary
{
    public required Guid Id { get; init; }
    public required Guid AgencyId { get; init; }
    public required string AgencyNameZh { get; init; }
    public required string Code { get; init; }
    public required int Version { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string Domain { get; init; }
    public required IReadOnlyList<string> Modalities { get; init; }
    public required IReadOnlyList<string> TaskTypes { get; init; }
    public required decimal Volume { get; init; }
    public required string VolumeUnit { get; init; }
    public required string SecurityLevel { get; init; }
    public required string Openness { get; init; }
    public required string RegionCode { get; init; }
    public required DateTimeOffset PublishedAt { get; init; }
}

public sealed record FacetCount
{
    public required string Value { get; init; }
    public required int Count { get; init; }
}

/// <summary>Counts of the matching entries per value, for the current filter.</summary>
public sealed record CatalogFacets(IReadOnlyList<FacetCount> Domains, IReadOnlyList<FacetCount> Modalities, IReadOnlyList<FacetCount> SecurityLevels)
{
    /// <summary>The facets of a search that matched nothing.</summary>
    public static CatalogFacets None { get; } = new([], [], []);
}

public sealed record CatalogSearchResult(IReadOnlyList<CatalogSummary> Items, int Total, int PageNumber, int PageSize, CatalogFacets Facets);

/// <summary>
/// Searches the published entries of the public data labeling directory: full text over code, title, description and
/// agency (Chinese words of two characters or more work; synonyms count), filters, facets and paging; newest first, or by relevance
/// (<c>sort=relevance</c>, with <c>q</c>). Domain, modality, task type, security
/// level and openness take several values: any of them matches; separate filters must all match.
/// </summary>
[Public]
public sealed record SearchCatalog(string? Q, IReadOnlyList<string>? Domain, IReadOnlyList<string>? Modality, IReadOnlyList<string>? TaskType,
    IReadOnlyList<string>? SecurityLevel, IReadOnlyList<string>? Openness, string? Region, Guid? AgencyId, string? Sort = null, int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<CatalogSearchResult>, IPaged;

public sealed class SearchCatalogValidator : AbstractValidator<SearchCatalog>
{
    public static readonly string[] Sorts = ["published", "relevance"];

    public SearchCatalogValidator(RegionDirectory regions)
    {
        this.RulesForPaging();
        RuleFor(x => x.Q).PlainText(TextRules.QueryLength);
        this.Sort(x => x.Sort, Sorts, x => x.Q);
        this.ClosedList(x => x.Domain, IndustryDomains.IsKnown, () => Texts.Get("validation.unknown_domain"));
        this.ClosedList(x => x.Modality, Modalities.IsKnown, () => Texts.Get("validation.unknown_modality"));
        this.ClosedList(x => x.TaskType, TaskTypes.IsKnown, () => Texts.Get("validation.unknown_task_type"));
        this.ClosedList(x => x.SecurityLevel, DataSecurityLevels.IsKnown, () => Texts.Get("validation.security_level"));
        this.ClosedList(x => x.Openness, Openness.IsKnown, () => Texts.Get("validation.openness"));
        RuleFor(x => x.Region).KnownRegion(regions).When(x => x.Region is not null);
    }
}

internal sealed class SearchCatalogHandler(IReadDb db, SearchSynonyms synonyms, SearchOptions options, CatalogSearchFeed feed,
    ICatalogSearchIndex index) : IRequestHandler<SearchCatalog, CatalogSearchResult>
{
    public async Task<CatalogSearchResult> Handle(SearchCatalog q, CancellationToken ct)
    {
        var terms = synonyms.Expand(q.Q);
        if (!string.IsNullOrWhiteSpace(q.Q) && terms.Count == 0)
            return new CatalogSearchResult([], 0, q.Page, q.PageSize, CatalogFacets.None);
        var criteria = new CatalogCriteria(terms, Values(q.Domain), Values(q.Modality), Values(q.TaskType), Values(q.SecurityLevel),
            Values(q.Openness), RegionScope.Filter(q.Region), q.AgencyId, q.Sort == "relevance" && terms.Count > 0, (q.Page - 1) * q.PageSize, q.PageSize);
        // The index catches up with the outbox first, so a writer's own change is found; while it loads, the database answers.
        var result = options.Engine == SearchEngine.Index && await feed.CatchUpAsync(load: false, ct)
            ? await CatalogIndexSearch.SearchAsync(db, index, criteria, ct)
            : await CatalogDatabaseSearch.SearchAsync(db, criteria, ct);
        return result with { PageNumber = q.Page };
    }

    /// <summary>The distinct values of a list filter; none when it was not sent.</summary>
    private static string[] Values(IReadOnlyList<string>? values) => values is null ? [] : values.Distinct(StringComparer.Ordinal).ToArray();
}
