using Registry.Application.Common;
using Registry.Domain.Exclusions;

namespace Registry.Application.Exclusions;

/// <summary>An exclusion as the public register shows it (like SAM.gov's exclusions): the enterprise, what, why, by whom, when.</summary>
public sealed record ExclusionView
{
    public required Guid Id { get; init; }
    public required Guid EnterpriseId { get; init; }
    /// <summary>The enterprise's registered name (as it is now).</summary>
    public required string EnterpriseName { get; init; }
    /// <summary>Its unified social credit code (统一社会信用代码).</summary>
    public required string CreditCode { get; init; }
    public required string RegionCode { get; init; }
    /// <summary><c>debarment</c>, <c>credit_blacklist</c> or <c>court_order</c>.</summary>
    public required string Type { get; init; }
    /// <summary><c>regulator</c>, <c>court</c>, <c>credit_china</c> or <c>other_authority</c>.</summary>
    public required string Source { get; init; }
    public required string Reason { get; init; }
    /// <summary>The provision it rests on, e.g. 《政府采购法》第七十七条.</summary>
    public required string LegalBasis { get; init; }
    /// <summary>The first excluded day (China time).</summary>
    public required DateOnly StartDate { get; init; }
    /// <summary>The last excluded day (China time); null: until lifted.</summary>
    public DateOnly? EndDate { get; init; }
    /// <summary><c>scheduled</c>, <c>in_force</c>, <c>ended</c> or <c>lifted</c>, today in China.</summary>
    public required string Status { get; init; }
    /// <summary>The regulator that recorded it.</summary>
    public required string RecordedBy { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    /// <summary>The China date it was lifted on; null unless lifted.</summary>
    public DateOnly? LiftedOn { get; init; }
    public string? LiftReason { get; init; }
    /// <summary>The row version, also the ETag that lifting sends back as If-Match.</summary>
    public required long Version { get; init; }
}

/// <summary>How the exclusion use cases read exclusions, and the one condition of an exclusion in force on a day.</summary>
internal static class ExclusionReads
{
    /// <summary>An exclusion of alias <c>x</c> excludes on <c>@today</c>: not lifted, and the day lies in its period, both ends included.</summary>
    public const string InForce = "(x.lifted_at is null and x.start_date <= @today and (x.end_date is null or x.end_date >= @today))";

    public const string Select = """
        select x.id, x.enterprise_id, o.name_zh as enterprise_name, o.credit_code, o.region_code, x.type, x.source, x.reason, x.legal_basis,
            x.start_date, x.end_date, r.name_zh as recorded_by, x.recorded_at, x.lifted_at, x.lifted_on, x.lift_reason, x.row_version
        from exclusions x
        join organizations o on o.id = x.enterprise_id
        join organizations r on r.id = x.recorded_by
        """;

    private static readonly Sql ByIdSql = new($"{Select} where x.id = @id");

    public static async Task<ExclusionView> ByIdAsync(IQueryDb db, Guid id, DateOnly today, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<ExclusionRow>(ByIdSql, new { id }, ct))?.ToView(today) ?? throw new NotFound("exclusion", id);

    internal sealed class ExclusionRow
    {
        public Guid Id { get; init; }
        public Guid EnterpriseId { get; init; }
        public string EnterpriseName { get; init; } = "";
        public string CreditCode { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public string Type { get; init; } = "";
        public string Source { get; init; } = "";
        public string Reason { get; init; } = "";
        public string LegalBasis { get; init; } = "";
        public DateOnly StartDate { get; init; }
        public DateOnly? EndDate { get; init; }
        public string RecordedBy { get; init; } = "";
        public DateTimeOffset RecordedAt { get; init; }
        public DateTimeOffset? LiftedAt { get; init; }
        public DateOnly? LiftedOn { get; init; }
        public string? LiftReason { get; init; }
        public long RowVersion { get; init; }

        public ExclusionState State => new(Id, EnterpriseId, new ExclusionPeriod(StartDate, EndDate), LiftedAt is not null);

        public ExclusionView ToView(DateOnly today) => new()
        {
            Id = Id, EnterpriseId = EnterpriseId, EnterpriseName = EnterpriseName, CreditCode = CreditCode, RegionCode = RegionCode, Type = Type,
            Source = Source, Reason = Reason, LegalBasis = LegalBasis, StartDate = StartDate, EndDate = EndDate,
            Status = ExclusionLifecycle.StatusOn(State, today), RecordedBy = RecordedBy, RecordedAt = RecordedAt, LiftedOn = LiftedOn,
            LiftReason = LiftReason, Version = RowVersion,
        };
    }
}

/// <summary>
/// Which enterprises an exclusion keeps from bidding on a China date, for eligibility (bidding, closing, evaluation, award) and
/// the matching index; and which enterprises an exclusion starts or stops excluding between two dates, so the index follows
/// the calendar without an event.
/// </summary>
public static class ExclusionsInForce
{
    public static async Task<bool> ExcludesAsync(IQueryDb db, Guid enterpriseId, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.ScalarAsync<int>(OneSql, new { enterpriseId, today }, ct) > 0;
    }

    public static async Task<IReadOnlySet<Guid>> EnterprisesAsync(IQueryDb db, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (await db.QueryAsync<Guid>(AllSql, new { today }, ct)).ToHashSet();
    }

    /// <summary>Enterprises with an exclusion whose first day, or the day after whose last day, lies after one date and on or before the other.</summary>
    public static async Task<IReadOnlyList<Guid>> ChangingBetweenAsync(IQueryDb db, DateOnly from, DateOnly to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (after, upTo) = from <= to ? (from, to) : (to, from);
        return await db.QueryAsync<Guid>(ChangingSql, new { after, upTo }, ct);
    }

    /// <summary>The enterprise an exclusion is about.</summary>
    public static Task<Guid?> EnterpriseOfAsync(IQueryDb db, Guid exclusionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ScalarAsync<Guid?>(EnterpriseSql, new { id = exclusionId }, ct);
    }

    private static readonly Sql OneSql = new($"select count(*) from exclusions x where x.enterprise_id = @enterpriseId and {ExclusionReads.InForce}");
    private static readonly Sql AllSql = new($"select distinct x.enterprise_id from exclusions x where {ExclusionReads.InForce}");
    // The day after the last day is end_date + 1: end_date >= @after and end_date < @upTo, written without date arithmetic.
    private static readonly Sql ChangingSql = new("""
        select distinct x.enterprise_id from exclusions x
        where (x.start_date > @after and x.start_date <= @upTo) or (x.end_date >= @after and x.end_date < @upTo)
        """);
    private static readonly Sql EnterpriseSql = new("select enterprise_id from exclusions where id = @id");
}
