using System.Globalization;
using Microsoft.Data.Sqlite;
using Registry.Domain.Matching;

namespace Registry.Benchmarks;

/// <summary>
/// The matching benchmark's suppliers and open demands as plain SQLite tables in a temporary file, and the same ranking as
/// the index written as the straightforward SQL a developer would write: the eligibility rule and every score part as
/// expressions over the stored facts, ordered and limited by the database (docs/performance.md). The tables hold the
/// facts the index is fed from; what the index works out once per supplier (effective annotators, committed volume per
/// day) is stored as the directory read model would store it.
/// </summary>
public sealed class MatchingSqlDataSet : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "registry-matching-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly SqliteConnection _connection;
    private readonly string _draftId;

    /// <param name="draft">A demand ranked for but not open: kept apart from the open demands recommendations are drawn from.</param>
    public MatchingSqlDataSet(IReadOnlyList<SupplierProfile> suppliers, IReadOnlyList<MatchDemand> demands, MatchWeights weights, MatchDemand draft)
    {
        Directory.CreateDirectory(_folder);
        _connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "matching.db")};Pooling=False");
        _connection.Open();
        Execute(Schema);
        using (var tx = _connection.BeginTransaction())
        {
            InsertSuppliers(suppliers, tx);
            InsertDemands([.. demands, draft], tx);
            tx.Commit();
        }
        Execute(Indexes);
        Execute("analyze");
        Weights = weights;
        _draftId = draft.Id.ToString();
    }

    public MatchWeights Weights { get; }

    /// <summary>The eligible suppliers, then the near-misses, each best first: ids as the index would list them.</summary>
    public (List<Guid> Matches, List<Guid> NearMisses) Top(Guid demandId, int n)
    {
        using var command = Command(TopSql, ("@demandId", demandId.ToString()), ("@n", n));
        using var reader = command.ExecuteReader();
        var matches = Ids(reader);
        reader.NextResult();
        return (matches, Ids(reader));
    }

    /// <summary>The eligible open demands best first, and per rule missed alone the demands and their budget.</summary>
    public (List<Guid> Demands, List<(string Rule, int Count, decimal Budget)> Gaps) Recommend(Guid enterpriseId, int n)
    {
        using var command = Command(RecommendSql, ("@enterpriseId", enterpriseId.ToString()), ("@n", n), ("@draftId", _draftId));
        using var reader = command.ExecuteReader();
        var demands = Ids(reader);
        reader.NextResult();
        var gaps = new List<(string, int, decimal)>();
        while (reader.Read()) gaps.Add((reader.GetString(0), reader.GetInt32(1), reader.GetDecimal(2)));
        return (demands, gaps);
    }

    public void Dispose()
    {
        _connection.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        var sum = Weights.Sum;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.Parameters.AddWithValue("@today", MatchingBenchmarks.Today.DayNumber);
        command.Parameters.AddWithValue("@capabilityShare", Weights.Capability / sum);
        command.Parameters.AddWithValue("@capacityShare", Weights.Capacity / sum);
        command.Parameters.AddWithValue("@qualityShare", Weights.Quality / sum);
        command.Parameters.AddWithValue("@localityShare", Weights.Locality / sum);
        command.Parameters.AddWithValue("@gradeShare", Weights.Grade / sum);
        command.Parameters.AddWithValue("@loadShare", Weights.Load / sum);
        command.Parameters.AddWithValue("@halfWay", Weights.ExperienceHalfWay);
        command.Parameters.AddWithValue("@unitsPerDay", Weights.UnitsPerAnnotatorDay);
        return command;
    }

    private static List<Guid> Ids(SqliteDataReader reader)
    {
        var ids = new List<Guid>();
        while (reader.Read()) ids.Add(Guid.Parse(reader.GetString(0)));
        return ids;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void InsertSuppliers(IReadOnlyList<SupplierProfile> suppliers, SqliteTransaction tx)
    {
        using var supplier = Prepared(tx, """
            insert into suppliers (id, sort_key, region_code, base_id, certificate_status, certificate_grade, mlps_level, excluded,
                effective_annotators, committed_volume_per_day, active_contracts, accepted_count, mean_accuracy, on_time_rate)
            values ($id, $sortKey, $region, $base, $status, $grade, $mlps, $excluded, $effective, $committed, $active, $accepted, $mean, $onTime)
            """, "$id", "$sortKey", "$region", "$base", "$status", "$grade", "$mlps", "$excluded", "$effective", "$committed", "$active", "$accepted",
            "$mean", "$onTime");
        using var capability = Prepared(tx, "insert into supplier_capabilities (supplier_id, modality, task_type) values ($id, $modality, $taskType)",
            "$id", "$modality", "$taskType");
        using var delivery = Prepared(tx, "insert into supplier_domain_deliveries (supplier_id, domain, deliveries) values ($id, $domain, $count)",
            "$id", "$domain", "$count");
        var order = SortKeys(suppliers.Select(s => s.EnterpriseId));
        foreach (var s in suppliers)
        {
            var id = s.EnterpriseId.ToString();
            Run(supplier, id, order[s.EnterpriseId], s.RegionCode, s.BaseId?.ToString(), s.CertificateStatus, s.CertificateGrade, s.MlpsLevel,
                s.Excluded ? 1 : 0, s.EffectiveAnnotators, s.CommittedVolumePerDay, s.ActiveContracts, s.Record?.AcceptedCount ?? 0,
                (double)(s.Record?.MeanAccuracy ?? 0), (double)(s.Record?.OnTimeRate ?? 0));
            foreach (var (modality, taskType) in s.Capabilities) Run(capability, id, modality, taskType);
            foreach (var (domain, count) in s.DomainDeliveries) Run(delivery, id, domain, count);
        }
    }

    private void InsertDemands(IReadOnlyList<MatchDemand> demands, SqliteTransaction tx)
    {
        using var demand = Prepared(tx, """
            insert into demands (id, sort_key, region_code, preferred_base_id, domain, required_grade, security_level, modality, volume,
                minimum_accuracy, budget_ceiling, due_day)
            values ($id, $sortKey, $region, $base, $domain, $grade, $level, $modality, $volume, $accuracy, $budget, $due)
            """, "$id", "$sortKey", "$region", "$base", "$domain", "$grade", "$level", "$modality", "$volume", "$accuracy", "$budget", "$due");
        using var taskType = Prepared(tx, "insert into demand_task_types (demand_id, task_type) values ($id, $taskType)", "$id", "$taskType");
        var order = SortKeys(demands.Select(d => d.Id));
        foreach (var d in demands)
        {
            var id = d.Id.ToString();
            Run(demand, id, order[d.Id], d.RegionCode, d.PreferredBaseId?.ToString(), d.Domain, d.Requirements.RequiredGrade,
                d.Requirements.SecurityLevel, d.Requirements.Modality, (double)d.Volume, (double)d.MinimumAccuracy,
                d.BudgetCeiling.ToString(CultureInfo.InvariantCulture), d.DueDate.DayNumber);
            foreach (var t in d.Requirements.TaskTypes.Distinct(StringComparer.Ordinal)) Run(taskType, id, t);
        }
    }

    // Ties are broken by the id in GUID order, which is not the order of its text: the rank in that order is stored beside it.
    private static Dictionary<Guid, int> SortKeys(IEnumerable<Guid> ids) =>
        ids.Order().Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);

    private SqliteCommand Prepared(SqliteTransaction tx, string sql, params string[] names)
    {
        var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    private const string Schema = """
        create table suppliers (id text primary key, sort_key integer not null, region_code text not null, base_id text,
            certificate_status text, certificate_grade integer, mlps_level integer not null, excluded integer not null,
            effective_annotators real not null, committed_volume_per_day real not null, active_contracts integer not null,
            accepted_count integer not null, mean_accuracy real not null, on_time_rate real not null);
        create table supplier_capabilities (supplier_id text not null, modality text not null, task_type text not null);
        create table supplier_domain_deliveries (supplier_id text not null, domain text not null, deliveries integer not null);
        create table demands (id text primary key, sort_key integer not null, region_code text not null, preferred_base_id text,
            domain text not null, required_grade integer not null, security_level text not null, modality text not null,
            volume real not null, minimum_accuracy real not null, budget_ceiling numeric not null, due_day integer not null);
        create table demand_task_types (demand_id text not null, task_type text not null);
        """;

    private const string Indexes = """
        create index supplier_capabilities_by_pair on supplier_capabilities (modality, task_type, supplier_id);
        create index supplier_capabilities_by_supplier on supplier_capabilities (supplier_id, modality, task_type);
        create index supplier_domain_deliveries_by_supplier on supplier_domain_deliveries (supplier_id, domain);
        create index demand_task_types_by_demand on demand_task_types (demand_id, task_type);
        """;

    // Every score part's inputs, as docs/matching.md defines them, from the columns the queries below gather.
    private const string InputColumns = """
            case when minimum_accuracy >= 1 then (case when mean_accuracy >= 1 then 1.0 else 0.0 end)
                 else round(min(max((mean_accuracy - minimum_accuracy) / (1 - minimum_accuracy), 0.0), 1.0) * 10000) / 10000 end as accuracy_factor,
            round(min(max(on_time_rate, 0.0), 1.0) * 10000) / 10000 as on_time_factor,
            max(0, effective_annotators - max(0, committed_volume_per_day) / @unitsPerDay) as free_annotators
        """;

    // The factors in ten-thousandths (half up) and the eligibility rule, BidEligibility.Unmet, one flag per rule: the grade and
    // the clearance count only with an active certificate.
    private const string FactorColumns = """
            cast(min(max((1.0 * covered / required + 1.0 * deliveries / (deliveries + @halfWay)) / 2, 0.0), 1.0) * 10000 + 0.5 as integer) as capability_f,
            case when needed <= 0 then 10000 else cast(min(max(free_annotators / needed, 0.0), 1.0) * 10000 + 0.5 as integer) end as capacity_f,
            case when accepted_count <= 0 then 5000
                 else cast(round(round(min(max((accepted_count * ((accuracy_factor + on_time_factor) / 2) + 1.0) / (accepted_count + 2.0), 0.0), 1.0)
                      * 10000) / 10000 * 10000) as integer) end as quality_f,
            case when preferred_base_id is not null and base_id = preferred_base_id then 10000
                 when supplier_city = demand_city then 7500
                 when supplier_city / 100 = demand_city / 100 then 5000
                 else 0 end as locality_f,
            cast(coalesce(certificate_grade, 0) / 5.0 * 10000 + 0.5 as integer) as grade_f,
            cast(1.0 / (1 + max(0, active_contracts)) * 10000 + 0.5 as integer) as load_f,
            case when certificate_status = 'active' then 0 else 1 end as certificate_missed,
            case when certificate_status = 'active' and coalesce(certificate_grade, 0) < required_grade then 1 else 0 end as grade_missed,
            case when certificate_status = 'active'
                  and not (security_level = 'general' or (security_level = 'important' and mlps_level >= 3)) then 1 else 0 end as clearance_missed,
            case when covered < required then 1 else 0 end as capability_missed,
            excluded as excluded_missed
        """;

    // Points in hundredths, each part rounded on its own, and the number of rules missed.
    private const string ScoreColumns = """
            cast(@capabilityShare * capability_f + 0.5 as integer) + cast(@capacityShare * capacity_f + 0.5 as integer)
            + cast(@qualityShare * quality_f + 0.5 as integer) + cast(@localityShare * locality_f + 0.5 as integer)
            + cast(@gradeShare * grade_f + 0.5 as integer) + cast(@loadShare * load_f + 0.5 as integer) as total,
            certificate_missed + grade_missed + clearance_missed + capability_missed + excluded_missed as missed
        """;

    private const string SupplierColumns = """
            s.certificate_status, s.certificate_grade, s.mlps_level, s.excluded, s.base_id, s.effective_annotators, s.committed_volume_per_day,
            s.active_contracts, s.accepted_count, s.mean_accuracy, s.on_time_rate, cast(substr(s.region_code, 1, 4) as integer) as supplier_city
        """;

    private const string DemandColumns = """
            d.required_grade, d.security_level, d.preferred_base_id, d.minimum_accuracy, cast(substr(d.region_code, 1, 4) as integer) as demand_city,
            d.volume / max(1, d.due_day - @today) / @unitsPerDay as needed, coalesce(dd.deliveries, 0) as deliveries
        """;

    // Judged once into a temporary table, then read for the eligible and for the near-misses, as a report would.
    private static readonly string TopSql = $"""
        create temp table if not exists top_judged (id text, sort_key integer, grade integer, total integer, missed integer);
        delete from top_judged;
        insert into top_judged
        with required as (
            select count(*) as required from demand_task_types where demand_id = @demandId
        ),
        covered as (
            select c.supplier_id, count(*) as covered
            from demands d
            join demand_task_types t on t.demand_id = d.id
            join supplier_capabilities c on c.modality = d.modality and c.task_type = t.task_type
            where d.id = @demandId
            group by c.supplier_id
        ),
        joined as (
            select s.id, s.sort_key, {SupplierColumns}, {DemandColumns}, r.required, coalesce(cv.covered, 0) as covered
            from suppliers s
            cross join demands d
            cross join required r
            left join covered cv on cv.supplier_id = s.id
            left join supplier_domain_deliveries dd on dd.supplier_id = s.id and dd.domain = d.domain
            where d.id = @demandId
        ),
        inputs as (select *, {InputColumns} from joined),
        factors as (select id, sort_key, coalesce(certificate_grade, 0) as grade, {FactorColumns} from inputs)
        select id, sort_key, grade, {ScoreColumns} from factors;
        select id from top_judged where missed = 0 order by total desc, grade desc, sort_key limit @n;
        select id from top_judged where missed = 1 order by total desc, grade desc, sort_key limit @n;
        """;

    private static readonly string RecommendSql = $"""
        create temp table if not exists recommendation_judged (id text, sort_key integer, budget_ceiling numeric, certificate_missed integer,
            grade_missed integer, clearance_missed integer, capability_missed integer, total integer, missed integer);
        delete from recommendation_judged;
        insert into recommendation_judged
        with covered as (
            select t.demand_id, count(*) as required, count(c.supplier_id) as covered
            from demand_task_types t
            join demands d on d.id = t.demand_id
            left join supplier_capabilities c on c.supplier_id = @enterpriseId and c.modality = d.modality and c.task_type = t.task_type
            group by t.demand_id
        ),
        joined as (
            select d.id, d.sort_key, d.budget_ceiling, {SupplierColumns}, {DemandColumns}, cv.required, cv.covered
            from demands d
            cross join suppliers s
            join covered cv on cv.demand_id = d.id
            left join supplier_domain_deliveries dd on dd.supplier_id = s.id and dd.domain = d.domain
            where s.id = @enterpriseId and d.id <> @draftId
        ),
        inputs as (select *, {InputColumns} from joined),
        factors as (select id, sort_key, budget_ceiling, {FactorColumns} from inputs)
        select id, sort_key, budget_ceiling, certificate_missed, grade_missed, clearance_missed, capability_missed, {ScoreColumns} from factors;
        select id from recommendation_judged where missed = 0 order by total desc, sort_key limit @n;
        select case when certificate_missed = 1 then 'certificate_not_active' when grade_missed = 1 then 'grade_too_low'
                    when clearance_missed = 1 then 'clearance_too_low' when capability_missed = 1 then 'capability_missing' else 'excluded' end as rule,
            count(*), sum(budget_ceiling)
        from recommendation_judged
        where missed = 1
        group by rule order by rule;
        """;
}
