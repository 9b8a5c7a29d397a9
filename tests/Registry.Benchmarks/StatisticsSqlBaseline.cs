using Microsoft.Data.Sqlite;
using Registry.Application.Common;

namespace Registry.Benchmarks;

/// <summary>The demand flows of one region or city, whichever side computed them.</summary>
public sealed record DemandTotals(string Code, long Published, decimal Budget, long Opened, long BidsOpened, long Awarded, decimal AwardedValue,
    long Unsuccessful, long Cancelled, long Completed, long Terminated);

/// <summary>What the overview shows of the demand side: the totals, deliveries, unit prices by modality and unit, demand by domain.</summary>
public sealed record OverviewTotals(DemandTotals Totals, long DeliveriesAccepted, long OnTime, long DeliveriesRejected,
    IReadOnlyList<(string Modality, string Unit, long Awards, decimal Value, decimal Volume)> UnitPrices,
    IReadOnlyList<(string Domain, long Published, decimal Budget)> ByDomain);

/// <summary>
/// The statistics of the overview and the breakdown computed per request from the write tables (<c>demands</c>, <c>bids</c>,
/// <c>contracts</c>, <c>deliveries</c>) with the plain aggregate SQL a developer would write without a read model: what
/// the statistics projection exists to avoid. It reads the same SQLite file as the pipeline, on its own connection, with the
/// same region range filter on the indexed region column.
/// </summary>
public sealed class StatisticsSqlBaseline(StatisticsDataSet data) : IDisposable
{
    private readonly SqliteConnection _connection = Open(data);

    public OverviewTotals Overview(string region)
    {
        var scope = RegionScope.Of(region);
        var totals = Totals(TotalsSql, scope, "").Single();
        var deliveries = Rows(DeliveriesSql, scope, r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2))).Single();
        var prices = Rows(UnitPricesSql, scope, r => (r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetDecimal(3), r.GetDecimal(4)));
        var domains = Rows(ByDomainSql, scope, r => (r.GetString(0), r.GetInt64(1), r.GetDecimal(2)));
        return new OverviewTotals(totals, deliveries.Item1, deliveries.Item2, deliveries.Item3, prices, domains);
    }

    /// <summary>A region's flows by city, in code order.</summary>
    public List<DemandTotals> ByCity(string region) => Totals(ByCitySql, RegionScope.Of(region), null);

    public void Dispose() => _connection.Dispose();

    private static SqliteConnection Open(StatisticsDataSet data)
    {
        var connection = new SqliteConnection($"Data Source={data.DatabaseFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    private List<DemandTotals> Totals(string sql, RegionScope scope, string? code) => Rows(sql, scope, r => new DemandTotals(
        code ?? r.GetString(0), r.GetInt64(1), r.GetDecimal(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetDecimal(6), r.GetInt64(7),
        r.GetInt64(8), r.GetInt64(9), r.GetInt64(10)));

    private List<T> Rows<T>(string sql, RegionScope scope, Func<SqliteDataReader, T> read)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@scopeLow", scope.Low);
        command.Parameters.AddWithValue("@scopeHigh", scope.High);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    // Published demands are those with a publication time; bids are opened when their demand's bidding closed, unless withdrawn.
    private const string FlowsByCity = """
        with published as (
            select region_code, count(*) as demands, sum(budget_ceiling) as budget,
                sum(case when closed_at is not null then 1 else 0 end) as opened,
                sum(case when status = 'unsuccessful' then 1 else 0 end) as unsuccessful,
                sum(case when status = 'cancelled' then 1 else 0 end) as cancelled
            from demands where published_at is not null and region_code between @scopeLow and @scopeHigh group by region_code),
        opened_bids as (
            select d.region_code, count(*) as bids
            from bids b join demands d on d.id = b.demand_id
            where d.closed_at is not null and b.status in ('eligible', 'ineligible', 'won', 'lost')
                and d.region_code between @scopeLow and @scopeHigh
            group by d.region_code),
        awards as (
            select region_code, count(*) as awarded, sum(contract_value) as value,
                sum(case when status = 'completed' then 1 else 0 end) as completed,
                sum(case when status = 'terminated' then 1 else 0 end) as terminated
            from contracts where region_code between @scopeLow and @scopeHigh group by region_code)
        """;

    private const string ByCitySql = FlowsByCity + """

        select p.region_code, p.demands, p.budget, p.opened, coalesce(b.bids, 0), coalesce(a.awarded, 0), coalesce(a.value, 0), p.unsuccessful,
            p.cancelled, coalesce(a.completed, 0), coalesce(a.terminated, 0)
        from published p left join opened_bids b on b.region_code = p.region_code left join awards a on a.region_code = p.region_code
        order by p.region_code
        """;

    private const string TotalsSql = FlowsByCity + """

        select '', coalesce(sum(p.demands), 0), coalesce(sum(p.budget), 0), coalesce(sum(p.opened), 0), coalesce(sum(b.bids), 0),
            coalesce(sum(a.awarded), 0), coalesce(sum(a.value), 0), coalesce(sum(p.unsuccessful), 0), coalesce(sum(p.cancelled), 0),
            coalesce(sum(a.completed), 0), coalesce(sum(a.terminated), 0)
        from published p left join opened_bids b on b.region_code = p.region_code left join awards a on a.region_code = p.region_code
        """;

    private const string DeliveriesSql = """
        select coalesce(sum(case when v.status = 'accepted' then 1 else 0 end), 0),
            coalesce(sum(case when v.status = 'accepted' and v.on_time = 1 then 1 else 0 end), 0),
            coalesce(sum(case when v.status = 'rejected' then 1 else 0 end), 0)
        from deliveries v join contracts c on c.id = v.contract_id
        where c.region_code between @scopeLow and @scopeHigh
        """;

    private const string UnitPricesSql = """
        select d.modality, d.volume_unit, count(*), sum(c.contract_value), sum(d.volume)
        from contracts c join demands d on d.id = c.demand_id
        where c.region_code between @scopeLow and @scopeHigh
        group by d.modality, d.volume_unit order by d.modality, d.volume_unit
        """;

    private const string ByDomainSql = """
        select domain, count(*), sum(budget_ceiling) from demands
        where published_at is not null and region_code between @scopeLow and @scopeHigh group by domain order by domain
        """;
}
