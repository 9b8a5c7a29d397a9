using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
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
public sealed record CatalogFacets(IReadOnlyList<FacetCount> Domains, IReadOnlyList<FacetCount> Modalities, IReadOnlyList<FacetCount> SecurityLevels);

public sealed record CatalogSearchResult(IReadOnlyList<CatalogSummary> Items, int Total, int PageNumber, int PageSize, CatalogFacets Facets);

/// <summary>
/// Searches the published entries of the public data labeling directory: full text over code, title, description and
/// agency (Chinese words of two characters or more work), filters, facets and paging.
/// </summary>
[Public]
public sealed record SearchCatalog(string? Q, string? Domain, string? Modality, string? TaskType, string? SecurityLevel, string? Openness,
    string? Region, Guid? AgencyId, int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<CatalogSearchResult>, IPaged;

public sealed class SearchCatalogValidator : AbstractValidator<SearchCatalog>
{
    public SearchCatalogValidator()
    {
        this.RulesForPaging();
        RuleFor(x => x.Q).MaximumLength(100);
        RuleFor(x => x.Domain).Must(IndustryDomains.IsKnown).When(x => x.Domain is not null).WithMessage("Unknown domain; see /api/v1/reference/domains.");
        RuleFor(x => x.Modality).Must(Modalities.IsKnown).When(x => x.Modality is not null).WithMessage("Unknown modality; see /api/v1/reference/modalities.");
        RuleFor(x => x.TaskType).Must(TaskTypes.IsKnown).When(x => x.TaskType is not null).WithMessage("Unknown task type; see /api/v1/reference/task-types.");
        RuleFor(x => x.SecurityLevel).Must(DataSecurityLevels.IsKnown).When(x => x.SecurityLevel is not null).WithMessage("'securityLevel' is general, important or core.");
        RuleFor(x => x.Openness).Must(Openness.IsKnown).When(x => x.Openness is not null).WithMessage("'openness' is open, conditional or restricted.");
        RuleFor(x => x.Region).Must(RegionCode.IsWellFormed!).When(x => x.Region is not null).WithMessage("'region' must be a GB/T 2260 code such as 510000.");
    }
}

internal sealed class SearchCatalogHandler(IReadDb db) : IRequestHandler<SearchCatalog, CatalogSearchResult>
{
    public async Task<CatalogSearchResult> Handle(SearchCatalog q, CancellationToken ct)
    {
        var terms = SearchTerms.Query(q.Q);
        if (!string.IsNullOrWhiteSpace(q.Q) && terms.Count == 0)
            return new CatalogSearchResult([], 0, q.Page, q.PageSize, new CatalogFacets([], [], []));
        var filter = new
        {
            fullText = terms.Count == 0 ? null : db.Dialect.FullTextQuery(terms), q.Domain, q.Modality, q.TaskType, q.SecurityLevel, q.Openness,
            region = q.Region ?? RegionCode.National, q.AgencyId, offset = (q.Page - 1) * q.PageSize, limit = q.PageSize,
        };
        var page = await db.PageAsync<Row>(CountSql, PageSql, filter, q, ct);
        var facets = new CatalogFacets(
            await db.QueryAsync<FacetCount>(DomainFacetSql, filter, ct),
            await db.QueryAsync<FacetCount>(ModalityFacetSql, filter, ct),
            await db.QueryAsync<FacetCount>(SecurityFacetSql, filter, ct));
        return new CatalogSearchResult(page.Items.Select(r => r.ToSummary()).ToList(), page.Total, q.Page, q.PageSize, facets);
    }

    private static string Where(ISqlDialect d) => $"""
        where (@fullText is null or {d.FullTextMatch("catalog_search", "d.entry_id", "d.terms")})
          and (@domain is null or d.domain = @domain)
          and (@modality is null or d.entry_id in (select m.entry_id from catalog_directory_modalities m where m.modality = @modality))
          and (@taskType is null or d.entry_id in (select t.entry_id from catalog_directory_task_types t where t.task_type = @taskType))
          and (@securityLevel is null or d.security_level = @securityLevel)
          and (@openness is null or d.openness = @openness)
          and (@region = '000000' or d.region_code = @region or d.province_code = @region)
          and (@agencyId is null or d.agency_id = @agencyId)
        """;

    private static readonly Sql CountSql = new(d => $"select count(*) from catalog_directory d {Where(d)}");

    private static readonly Sql PageSql = new(d => $"""
        select d.entry_id, d.agency_id, d.agency_name_zh, d.code, d.version, d.title, d.description, d.domain, d.modalities, d.task_types,
            d.volume, d.volume_unit, d.security_level, d.openness, d.region_code, d.published_at
        from catalog_directory d {Where(d)}
        order by d.published_at desc, d.entry_id {d.Page}
        """);

    private static readonly Sql DomainFacetSql = new(d => $"""
        select d.domain as value, count(*) as count from catalog_directory d {Where(d)} group by d.domain order by count(*) desc, d.domain
        """);

    private static readonly Sql SecurityFacetSql = new(d => $"""
        select d.security_level as value, count(*) as count from catalog_directory d {Where(d)} group by d.security_level order by count(*) desc, d.security_level
        """);

    private static readonly Sql ModalityFacetSql = new(d => $"""
        select x.modality as value, count(*) as count
        from catalog_directory_modalities x join catalog_directory d on d.entry_id = x.entry_id
        {Where(d)}
        group by x.modality order by count(*) desc, x.modality
        """);

    private sealed class Row
    {
        public Guid EntryId { get; init; }
        public Guid AgencyId { get; init; }
        public string AgencyNameZh { get; init; } = "";
        public string Code { get; init; } = "";
        public int Version { get; init; }
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";
        public string Domain { get; init; } = "";
        public string Modalities { get; init; } = "";
        public string TaskTypes { get; init; } = "";
        public decimal Volume { get; init; }
        public string VolumeUnit { get; init; } = "";
        public string SecurityLevel { get; init; } = "";
        public string Openness { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public DateTimeOffset PublishedAt { get; init; }

        public CatalogSummary ToSummary() => new()
        {
            Id = EntryId, AgencyId = AgencyId, AgencyNameZh = AgencyNameZh, Code = Code, Version = Version, Title = Title, Description = Description,
            Domain = Domain, Modalities = Modalities.Split(',', StringSplitOptions.RemoveEmptyEntries),
            TaskTypes = TaskTypes.Split(',', StringSplitOptions.RemoveEmptyEntries), Volume = Volume, VolumeUnit = VolumeUnit,
            SecurityLevel = SecurityLevel, Openness = Openness, RegionCode = RegionCode, PublishedAt = PublishedAt,
        };
    }
}

/// <summary>One catalog entry: the published version for everyone, the draft as well for its agency. Drafts never published are the agency's alone.</summary>
[Public]
public sealed record GetCatalogEntry(Guid Id) : IQuery<CatalogEntryView>;

/// <summary>The versions of an entry: the published ones for everyone, every one for its agency.</summary>
[Public]
public sealed record ListCatalogEntryVersions(Guid Id) : IQuery<IReadOnlyList<CatalogVersionView>>;

internal sealed class CatalogEntryQueries(IReadDb db, ICaller caller) :
    IRequestHandler<GetCatalogEntry, CatalogEntryView>,
    IRequestHandler<ListCatalogEntryVersions, IReadOnlyList<CatalogVersionView>>
{
    public async Task<CatalogEntryView> Handle(GetCatalogEntry q, CancellationToken ct) =>
        await CatalogReads.FindAsync(db, q.Id, await IsOwnerAsync(q.Id, ct), ct) ?? throw new NotFound("catalog entry", q.Id);

    public async Task<IReadOnlyList<CatalogVersionView>> Handle(ListCatalogEntryVersions q, CancellationToken ct)
    {
        var owner = await IsOwnerAsync(q.Id, ct);
        var versions = (await db.QueryAsync<CatalogSql.VersionRow>(CatalogSql.VersionsSql, new { id = q.Id }, ct))
            .Where(v => owner || v.PublishedAt is not null).Select(v => v.ToView()).ToList();
        return versions.Count == 0 ? throw new NotFound("catalog entry", q.Id) : versions;
    }

    private async Task<bool> IsOwnerAsync(Guid id, CancellationToken ct)
    {
        if (!caller.IsAuthenticated) return false;
        if (caller.IsSystem || caller.Role == Roles.Admin) return true;
        var agency = await db.QuerySingleOrDefaultAsync<Guid?>(AgencySql, new { id }, ct);
        return agency is not null && agency == caller.OrganizationId;
    }

    private static readonly Sql AgencySql = new("select agency_id from catalog_entries where id = @id");
}
