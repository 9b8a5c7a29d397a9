using Registry.Application.Common;

namespace Registry.Application.Ocds;

/// <summary>
/// What the OCDS use cases read: the release rows (<see cref="OcdsReleaseProjection"/>) with their events, and the facts of the
/// demands they belong to, for a page of releases or for one demand. Each statement comes in two forms: [0] for the demands of
/// the releases after <c>@after</c> up to <c>@last</c>, [1] for the one demand <c>@demandId</c>.
/// </summary>
internal static class OcdsReads
{
    public sealed record ReleaseRow
    {
        public long Position { get; init; }
        public Guid DemandId { get; init; }
        public string Type { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public string Payload { get; init; } = "{}";
    }

    public sealed record DemandFacts
    {
        public Guid Id { get; init; }
        public string Ocid { get; init; } = "";
        public string Number { get; init; } = "";
        public string Title { get; init; } = "";
        public string Description { get; init; } = "";
        public string Modality { get; init; } = "";
        public string TaskTypes { get; init; } = "";
        public decimal Volume { get; init; }
        public string VolumeUnit { get; init; } = "";
        public decimal BudgetCeiling { get; init; }
        public DateTimeOffset BidDeadline { get; init; }
        public DateOnly DueDate { get; init; }
        public string EvaluationMethod { get; init; } = "";
        public OrganizationFacts Agency => new() { Name = AgencyName, CreditCode = AgencyCreditCode, RegionName = AgencyRegionName };
        public string AgencyName { get; init; } = "";
        public string AgencyCreditCode { get; init; } = "";
        public string AgencyRegionName { get; init; } = "";
    }

    /// <summary>An organization as open data names it: public name, credit code, region; never a contact.</summary>
    public sealed record OrganizationFacts
    {
        public string Name { get; init; } = "";
        public string CreditCode { get; init; } = "";
        public string RegionName { get; init; } = "";
    }

    /// <summary>A bid opened at closing, of a demand that was awarded (no other bid is ever read here).</summary>
    public sealed record BidFacts
    {
        public Guid Id { get; init; }
        public Guid DemandId { get; init; }
        public Guid EnterpriseId { get; init; }
        public decimal Price { get; init; }
        public DateTimeOffset SubmittedAt { get; init; }
        public bool? Eligible { get; init; }
        public OrganizationFacts Bidder => new() { Name = Name, CreditCode = CreditCode, RegionName = RegionName };
        public string Name { get; init; } = "";
        public string CreditCode { get; init; } = "";
        public string RegionName { get; init; } = "";
    }

    /// <summary>The releases of a page or of one demand, with everything needed to write them out.</summary>
    public sealed record Facts(IReadOnlyList<ReleaseRow> History, IReadOnlyList<DemandFacts> Demands, IReadOnlyList<BidFacts> Bids);

    /// <summary>The release rows after <paramref name="after"/>, in position order, as many as <paramref name="limit"/>.</summary>
    public static Task<IReadOnlyList<ReleaseRow>> PageAsync(IQueryDb db, long after, int limit, CancellationToken ct) =>
        db.QueryAsync<ReleaseRow>(PageSql, new { after, offset = 0, limit }, ct);

    /// <summary>The date of the last release at or before <paramref name="position"/>; null when there is none.</summary>
    public static async Task<DateTimeOffset?> DateAtOrBeforeAsync(IQueryDb db, long position, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<DateRow>(DateAtOrBeforeSql, new { position }, ct))?.OccurredAt;

    private sealed record DateRow
    {
        public DateTimeOffset OccurredAt { get; init; }
    }

    /// <summary>Every release up to <paramref name="last"/> of the demands released after <paramref name="after"/>, with their facts.</summary>
    public static Task<Facts> ForPageAsync(IQueryDb db, long after, long last, CancellationToken ct) =>
        FactsAsync(db, 0, new { after, last }, ct);

    /// <summary>Every release of one demand, with its facts.</summary>
    public static Task<Facts> ForDemandAsync(IQueryDb db, Guid demandId, CancellationToken ct) =>
        FactsAsync(db, 1, new { last = long.MaxValue, demandId }, ct);

    public static Task<Guid?> DemandOfAsync(IQueryDb db, string ocid, CancellationToken ct) =>
        db.ScalarAsync<Guid?>(DemandOfSql, new { ocid }, ct);

    private static async Task<Facts> FactsAsync(IQueryDb db, int form, object parameters, CancellationToken ct) =>
        new(await db.QueryAsync<ReleaseRow>(HistorySql[form], parameters, ct), await db.QueryAsync<DemandFacts>(DemandsSql[form], parameters, ct),
            await db.QueryAsync<BidFacts>(BidsSql[form], parameters, ct));

    private const string ReleaseColumns = "r.position, r.demand_id, o.type, o.occurred_at, o.payload from ocds_releases r join outbox o on o.seq = r.seq";

    private static readonly string[] DemandFilters =
    [
        "in (select p.demand_id from ocds_releases p where p.position > @after and p.position <= @last)",
        "= @demandId",
    ];

    private static Sql[] Both(Func<string, string> text) => [.. DemandFilters.Select(f => new Sql(text(f)))];

    private static readonly Sql PageSql = new(d => $"select {ReleaseColumns} where r.position > @after order by r.position {d.Page}");

    private static readonly Sql DateAtOrBeforeSql = new("""
        select o.occurred_at from ocds_releases r join outbox o on o.seq = r.seq
        where r.position = (select max(m.position) from ocds_releases m where m.position <= @position)
        """);

    private static readonly Sql DemandOfSql = new("select id from demands where ocid = @ocid");

    private static readonly Sql[] HistorySql = Both(f => $"select {ReleaseColumns} where r.position <= @last and r.demand_id {f} order by r.position");

    private static readonly Sql[] DemandsSql = Both(f => $"""
        select d.id, d.ocid, d.number, d.title, d.description, d.modality, d.task_types, d.volume, d.volume_unit, d.budget_ceiling,
            d.bid_deadline, d.due_date, d.evaluation_method, o.name_zh as agency_name, o.credit_code as agency_credit_code,
            g.name_zh as agency_region_name
        from demands d join organizations o on o.id = d.agency_id join regions g on g.code = o.region_code
        where d.id {f}
        """);

    // Only the bids of awarded demands, and only those opened at closing (won or lost): nothing of a sealed or withdrawn bid.
    private static readonly Sql[] BidsSql = Both(f => $"""
        select b.id, b.demand_id, b.enterprise_id, b.price, b.submitted_at, b.eligible, o.name_zh as name, o.credit_code,
            g.name_zh as region_name
        from bids b join organizations o on o.id = b.enterprise_id join regions g on g.code = o.region_code
        where b.status in ('won', 'lost') and b.demand_id {f}
            and exists (select 1 from contracts c where c.demand_id = b.demand_id)
        order by b.submitted_at, b.id
        """);
}
