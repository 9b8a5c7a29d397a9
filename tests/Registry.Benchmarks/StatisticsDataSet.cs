using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Registry.Application.Statistics.Projections;
using Registry.Domain.Demands;
using Registry.Domain.Regions;
using Registry.Domain.Time;
using Registry.Infrastructure.Database;

namespace Registry.Benchmarks;

/// <summary>
/// A migrated SQLite file holding a deterministic market of labeling demands over 24 months: the write tables (<c>demands</c>,
/// <c>bids</c>, <c>contracts</c>, <c>deliveries</c>) as the commands leave them, and the statistics read tables
/// (<c>stats_demand_month</c>, <c>stats_demand_totals</c>, <c>stats_demands</c>, <c>stats_contracts</c>, <c>stats_award_winners</c>, <c>stats_region_month</c>)
/// as the <c>region-activity</c> projection would hold them for the same history. The read rows are aggregated here from the
/// generated history with the projection's grouping (city, China-time month of each event, domain, modality, unit, base), not
/// projected from outbox events: replaying the 1.35 million events of this history one statement at a time takes far longer
/// than a benchmark setup may. The file is kept in the temporary folder, keyed by seed and sizes, so that it is built once.
/// </summary>
public sealed class StatisticsDataSet
{
    /// <summary>Provinces whose first six cities the demands are spread over (Sichuan first: the breakdown benchmark's province).</summary>
    private static readonly string[] Provinces = ["510000", "340000", "430000", "440000", "330000"];

    /// <summary>Domains weighted as a labeling market is: driving, healthcare and manufacturing first.</summary>
    private static readonly (string Code, int Weight)[] Domains =
    [
        ("autonomous_driving", 14), ("healthcare", 12), ("manufacturing", 11), ("finance", 9), ("transport", 8), ("government_services", 7),
        ("urban_governance", 6), ("agriculture", 5), ("education", 5), ("energy", 4), ("low_altitude_economy", 4), ("information_services", 4),
        ("science", 3), ("digital_trade", 3), ("rural_revitalization", 2), ("human_resources", 2), ("other", 1),
    ];

    /// <summary>Modalities with their unit (audio by the hour, video by the frame, the rest by the item) and weight.</summary>
    private static readonly (string Modality, string Unit, int Weight)[] Modalities =
    [
        ("image", "items", 30), ("text", "items", 28), ("video", "frames", 10), ("audio", "audio_hours", 9), ("point_cloud", "items", 9),
        ("multimodal", "items", 10), ("four_d", "items", 4),
    ];

    /// <summary>The first month of the history (China time); it spans 24 months up to the benchmark's today.</summary>
    private static readonly DateTimeOffset Start = new(2024, 12, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static readonly DateTimeOffset End = new(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private StatisticsDataSet(DatabaseOptions options, string folder, int demands, int bids, long readRows, long totalRows, TimeSpan buildTime,
        bool cached)
    {
        TotalRows = totalRows;
        Options = options;
        Folder = folder;
        Demands = demands;
        Bids = bids;
        ReadRows = readRows;
        BuildTime = buildTime;
        Cached = cached;
    }

    public DatabaseOptions Options { get; }

    public string Folder { get; }

    public int Demands { get; }

    public int Bids { get; }

    /// <summary>Rows of <c>stats_demand_month</c>: what a breakdown over a span of months sums.</summary>
    public long ReadRows { get; }

    /// <summary>Rows of <c>stats_demand_totals</c>: what the overview and a breakdown of the whole history sum.</summary>
    public long TotalRows { get; }

    public TimeSpan BuildTime { get; }

    /// <summary>Whether an earlier process had already built the file.</summary>
    public bool Cached { get; }

    public string DatabaseFile => Path.Combine(Folder, "registry.db");

    public static StatisticsDataSet Open(int demands, int bids, int seed = 20261202)
    {
        var started = Stopwatch.GetTimestamp();
        // The newest migration is part of the key: a file built on an older schema is not reused.
        var schema = typeof(DatabaseMigrator).Assembly.GetTypes().Select(t => t.GetCustomAttribute<FluentMigrator.MigrationAttribute>()?.Version ?? 0).Max();
        var folder = Path.Combine(Path.GetTempPath(), $"registry-bench-statistics-{seed}-{demands}-{bids}-{schema}");
        var cached = File.Exists(Path.Combine(folder, "ready"));
        if (!cached)
        {
            // Built aside and moved into place whole, so that a process never opens a half-written file.
            var building = folder + "-" + Guid.NewGuid().ToString("N")[..8];
            Build(building, demands, bids, seed);
            File.WriteAllText(Path.Combine(building, "ready"), "");
            try
            {
                Directory.Move(building, folder);
            }
            catch (IOException)
            {
                // Another process finished first: its file is the same, this one is dropped.
                Directory.Delete(building, recursive: true);
            }
        }
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, Primary = ConnectionFactory.DefaultSqlite(folder), MigrateOnStart = false };
        using var connection = new SqliteConnection(options.Primary);
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "select count(*) from stats_demand_month";
        var rows = (long)count.ExecuteScalar()!;
        count.CommandText = "select count(*) from stats_demand_totals";
        var totals = (long)count.ExecuteScalar()!;
        return new StatisticsDataSet(options, folder, demands, bids, rows, totals, Stopwatch.GetElapsedTime(started), cached);
    }

    private static void Build(string folder, int demandCount, int bidCount, int seed)
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, Primary = ConnectionFactory.DefaultSqlite(folder), MigrateOnStart = false };
        DatabaseMigrator.MigrateUp(options);
        using var connection = new SqliteConnection(options.Primary + ";Pooling=False");
        connection.Open();
        // Agencies and bidding enterprises are bare identifiers: no statistic of the demand side reads their organizations.
        Execute(connection, "pragma foreign_keys = off; pragma journal_mode = wal; pragma synchronous = off;");
        var cities = Provinces.SelectMany(p => Query(connection, $"select code from regions where parent_code = '{p}' order by code", r => r.GetString(0)).Take(6))
            .ToArray();
        var bases = Query(connection, "select id from bases order by code", r => r.GetString(0)).ToArray();

        var random = new Random(seed);
        var agencies = Enumerable.Range(0, 600).Select(_ => NextGuid(random)).ToArray();
        var enterprises = Enumerable.Range(0, 20_000).Select(_ => NextGuid(random)).ToArray();
        var history = new History();
        var plans = Enumerable.Range(0, demandCount).Select(i => PlanDemand(random, i, cities, bases, agencies)).ToList();
        AllotBids(random, plans, bidCount);

        using (var transaction = connection.BeginTransaction())
        {
            using var demand = Prepare(connection, transaction, """
                insert into demands (id, agency_id, number, title, description, task_specification, positive_examples, negative_examples, domain,
                    modality, task_types, volume, volume_unit, minimum_accuracy, budget_ceiling, required_grade, security_level, region_code,
                    preferred_base_id, evaluation_method, price_weight, technical_weight, quality_weight, bid_deadline, due_date,
                    minimum_eligible_bids, status, published_at, closed_at, row_version, created_at, updated_at)
                values (@id, @agencyId, @number, @title, '', '', '[]', '[]', @domain, @modality, '["classification"]', @volume, @volumeUnit, 0.95,
                    @budget, 2, 'general', @regionCode, @baseId, 'comprehensive', 40, 40, 20, @bidDeadline, @dueDate, 3, @status, @publishedAt,
                    @closedAt, 1, @createdAt, @updatedAt)
                """);
            using var bid = Prepare(connection, transaction, """
                insert into bids (id, demand_id, enterprise_id, price, unit_price, delivery_date, accuracy, team_size, technical_summary, status,
                    eligible, ineligibility_reason, submitted_at, updated_at)
                values (@id, @demandId, @enterpriseId, @price, @unitPrice, @deliveryDate, 0.96, 20, '', @status, @eligible, null, @submittedAt, @updatedAt)
                """);
            using var contract = Prepare(connection, transaction, """
                insert into contracts (id, number, demand_id, bid_id, agency_id, enterprise_id, domain, region_code, contract_value, volume, volume_unit,
                    minimum_accuracy, due_date, bid_rank, status, on_time, awarded_at, closed_at, row_version, updated_at)
                values (@id, @number, @demandId, @bidId, @agencyId, @enterpriseId, @domain, @regionCode, @value, @volume, @volumeUnit, 0.95, @dueDate,
                    1, @status, @onTime, @awardedAt, @closedAt, 1, @updatedAt)
                """);
            using var delivery = Prepare(connection, transaction, """
                insert into deliveries (id, contract_id, attempt, description, quantity, manifest_sha256, delivered_at, on_time, status, decided_at)
                values (@id, @contractId, @attempt, '', @quantity, @manifest, @deliveredAt, @onTime, @status, @decidedAt)
                """);

            foreach (var plan in plans) WriteDemand(random, plan, enterprises, history, demand, bid, contract, delivery);
            history.Write(connection, transaction);
            transaction.Commit();
        }
        Execute(connection, "analyze; pragma wal_checkpoint(truncate);");
    }

    /// <summary>What happens to one demand: its terms, when it was published and closed, and how it ended.</summary>
    private sealed record Plan(int Index, Guid Id, Guid Agency, string City, string Domain, string Modality, string Unit, string? BaseId, decimal Volume,
        decimal Budget, DateTimeOffset PublishedAt, DateTimeOffset Deadline, Outcome Outcome)
    {
        public int Bids { get; set; }
    }

    private enum Outcome { Open, CancelledOpen, UnsuccessfulAtClose, Evaluating, CancelledEvaluating, UnsuccessfulAfterEvaluation, Active, Completed, Terminated }

    private static Plan PlanDemand(Random random, int index, string[] cities, string[] bases, Guid[] agencies)
    {
        var publishedAt = Start.AddMinutes(random.NextDouble() * (End - Start).TotalMinutes * 0.97).ToUniversalTime();
        var deadline = publishedAt.AddDays(7 + random.Next(24));
        var (modality, unit, _) = Weighted(random, Modalities, m => m.Weight);
        var volume = unit == "audio_hours" ? 100m * random.Next(5, 300) : 10_000m * random.Next(2, 200);
        var unitPrice = unit switch { "audio_hours" => 60m + random.Next(240), "frames" => 0.4m + random.Next(20) / 10m, _ => 0.2m + random.Next(30) / 10m };
        var budget = Math.Round(volume * unitPrice * (1.1m + random.Next(40) / 100m), 0);
        // Demands whose bidding deadline is still ahead stay open; the others closed and ended in realistic shares.
        var roll = random.Next(100);
        var outcome = deadline > End.AddDays(-1) ? roll < 5 ? Outcome.CancelledOpen : Outcome.Open
            : roll switch
            {
                < 3 => Outcome.CancelledOpen,
                < 10 => Outcome.UnsuccessfulAtClose,
                < 13 => Outcome.UnsuccessfulAfterEvaluation,
                < 15 => Outcome.CancelledEvaluating,
                < 20 => Outcome.Evaluating,
                < 40 => Outcome.Active,
                < 92 => Outcome.Completed,
                _ => Outcome.Terminated,
            };
        // Later demands of a long history are still being worked: an evaluation or a contract younger than 60 days is not over yet.
        if (outcome is Outcome.Completed && deadline > End.AddDays(-60) || outcome is Outcome.Terminated && deadline > End.AddDays(-150)) outcome = Outcome.Active;
        if (outcome is Outcome.Evaluating && deadline < End.AddDays(-30)) outcome = Outcome.Active;
        if (outcome is Outcome.Active or Outcome.UnsuccessfulAfterEvaluation or Outcome.CancelledEvaluating && deadline > End.AddDays(-25)) outcome = Outcome.Evaluating;
        return new Plan(index, NextGuid(random), agencies[random.Next(agencies.Length)], cities[(int)(Math.Pow(random.NextDouble(), 1.6) * cities.Length)],
            Weighted(random, Domains, d => d.Weight).Code, modality, unit, random.Next(100) < 15 ? bases[random.Next(bases.Length)] : null, volume, budget,
            publishedAt, deadline, outcome);
    }

    /// <summary>
    /// Spreads the bids over the demands: a demand closed for too few bids has one or two, every other demand a share drawn from a
    /// long-tailed distribution, so that most have a handful and a few popular ones dozens; the total is exactly <paramref name="total"/>.
    /// </summary>
    private static void AllotBids(Random random, List<Plan> plans, int total)
    {
        foreach (var plan in plans.Where(p => p.Outcome == Outcome.UnsuccessfulAtClose)) plan.Bids = random.Next(3);
        var rest = plans.Where(p => p.Outcome != Outcome.UnsuccessfulAtClose).ToList();
        var weights = rest.Select(_ => 0.2 - Math.Log(1 - random.NextDouble())).ToArray();
        var left = total - plans.Sum(p => p.Bids);
        var sum = weights.Sum();
        for (var i = 0; i < rest.Count; i++) rest[i].Bids = Math.Max(1, (int)(weights[i] / sum * left));
        var difference = total - plans.Sum(p => p.Bids);
        for (var i = 0; difference != 0; i = (i + 1) % rest.Count)
        {
            if (difference < 0 && rest[i].Bids <= 1) continue;
            rest[i].Bids += Math.Sign(difference);
            difference -= Math.Sign(difference);
        }
    }

    private static void WriteDemand(Random random, Plan plan, Guid[] enterprises, History history, SqliteCommand demand, SqliteCommand bid,
        SqliteCommand contract, SqliteCommand delivery)
    {
        var closed = plan.Outcome is not (Outcome.Open or Outcome.CancelledOpen);
        var awarded = plan.Outcome is Outcome.Active or Outcome.Completed or Outcome.Terminated;
        var closedAt = plan.Deadline.AddMinutes(random.Next(1, 600));
        var decidedAt = closedAt.AddDays(3 + random.Next(20));
        var endedAt = plan.Outcome switch
        {
            Outcome.CancelledOpen => plan.PublishedAt.AddHours(1 + random.NextDouble() * (plan.Deadline - plan.PublishedAt).TotalHours * 0.9),
            Outcome.CancelledEvaluating or Outcome.UnsuccessfulAfterEvaluation => decidedAt,
            _ => closedAt,
        };
        var status = plan.Outcome switch
        {
            Outcome.Open => DemandStatus.Open,
            Outcome.CancelledOpen or Outcome.CancelledEvaluating => DemandStatus.Cancelled,
            Outcome.UnsuccessfulAtClose or Outcome.UnsuccessfulAfterEvaluation => DemandStatus.Unsuccessful,
            Outcome.Evaluating => DemandStatus.Evaluating,
            Outcome.Active => DemandStatus.InDelivery,
            Outcome.Completed => DemandStatus.Completed,
            _ => DemandStatus.Terminated,
        };
        Bind(demand, new()
        {
            ["id"] = Text(plan.Id), ["agencyId"] = Text(plan.Agency), ["number"] = $"XQ{plan.Index:D9}", ["title"] = $"{plan.Domain} {plan.Modality} 标注 {plan.Index}",
            ["domain"] = plan.Domain, ["modality"] = plan.Modality, ["volume"] = plan.Volume, ["volumeUnit"] = plan.Unit, ["budget"] = plan.Budget,
            ["regionCode"] = plan.City, ["baseId"] = plan.BaseId, ["bidDeadline"] = Time(plan.Deadline), ["dueDate"] = Date(plan.Deadline.AddDays(60)),
            ["status"] = status, ["publishedAt"] = Time(plan.PublishedAt), ["closedAt"] = closed ? Time(closedAt) : null,
            ["createdAt"] = Time(plan.PublishedAt.AddDays(-2)), ["updatedAt"] = Time(plan.Outcome is Outcome.Open ? plan.PublishedAt : endedAt),
        });
        var terms = history.Publish(plan);

        // Bids: sealed while open (and on a demand cancelled while open), opened at closing; a few withdrawn before the deadline.
        var bidders = new HashSet<int>();
        var opened = new List<(Guid Id, Guid Enterprise, decimal Price)>();
        while (bidders.Count < plan.Bids) bidders.Add(random.Next(enterprises.Length));
        foreach (var bidder in bidders)
        {
            var id = NextGuid(random);
            var price = Math.Round(plan.Budget * (0.6m + random.Next(40) / 100m), 0);
            // The first bid stays, so that every demand planned as awarded has a bid to award.
            var withdrawn = opened.Count > 0 && random.Next(100) < 2;
            var eligible = !withdrawn && closed && random.Next(100) >= 10;
            var bidStatus = withdrawn ? BidStatus.Withdrawn : !closed ? BidStatus.Live : eligible ? BidStatus.Eligible : BidStatus.Ineligible;
            if (closed && !withdrawn) opened.Add((id, enterprises[bidder], price));
            Bind(bid, new()
            {
                ["id"] = Text(id), ["demandId"] = Text(plan.Id), ["enterpriseId"] = Text(enterprises[bidder]), ["price"] = price,
                ["unitPrice"] = Math.Round(price / plan.Volume, 2), ["deliveryDate"] = Date(plan.Deadline.AddDays(50)), ["status"] = bidStatus,
                ["eligible"] = closed && !withdrawn ? eligible ? 1 : 0 : null,
                ["submittedAt"] = Time(plan.PublishedAt.AddMinutes(random.Next(1, (int)(plan.Deadline - plan.PublishedAt).TotalMinutes))),
                ["updatedAt"] = Time(closed && !withdrawn ? closedAt : plan.PublishedAt),
            });
        }
        if (closed) history.Close(terms, closedAt, opened.Count, plan.Outcome == Outcome.UnsuccessfulAtClose);
        if (plan.Outcome == Outcome.UnsuccessfulAfterEvaluation) history.Add(terms, endedAt, f => f.DemandsUnsuccessful++);
        if (plan.Outcome is Outcome.CancelledOpen or Outcome.CancelledEvaluating) history.Add(terms, endedAt, f => f.DemandsCancelled++);
        if (!awarded) return;

        // The award: the cheapest opened bid wins (a demand with no opened bid cannot be awarded, so it stays in evaluation).
        if (opened.Count == 0) throw new InvalidOperationException($"Demand {plan.Index} is planned as awarded without an opened bid.");
        var winner = opened.MinBy(b => b.Price);
        var contractId = NextGuid(random);
        var dueDate = decidedAt.AddDays(30 + random.Next(60));
        var contractEnd = plan.Outcome switch
        {
            Outcome.Completed => Min(decidedAt.AddDays(10 + random.Next(90)), End.AddDays(-1)),
            Outcome.Terminated => dueDate.AddDays(1 + random.Next(30)),
            _ => (DateTimeOffset?)null,
        };
        var onTime = plan.Outcome == Outcome.Completed && contractEnd!.Value.AddDays(-2) <= dueDate;
        Bind(contract, new()
        {
            ["id"] = Text(contractId), ["number"] = $"HT{plan.Index:D9}", ["demandId"] = Text(plan.Id), ["bidId"] = Text(winner.Id),
            ["agencyId"] = Text(plan.Agency), ["enterpriseId"] = Text(winner.Enterprise), ["domain"] = plan.Domain, ["regionCode"] = plan.City,
            ["value"] = winner.Price, ["volume"] = plan.Volume, ["volumeUnit"] = plan.Unit, ["dueDate"] = Date(dueDate),
            ["status"] = plan.Outcome switch { Outcome.Completed => ContractStatus.Completed, Outcome.Terminated => ContractStatus.Terminated, _ => ContractStatus.Active },
            ["onTime"] = plan.Outcome == Outcome.Completed ? onTime ? 1 : 0 : null, ["awardedAt"] = Time(decidedAt),
            ["closedAt"] = contractEnd is { } end ? Time(end) : null, ["updatedAt"] = Time(contractEnd ?? decidedAt),
        });
        history.Award(terms, contractId, winner.Enterprise, decidedAt, winner.Price);

        // Deliveries: a rejected attempt now and then; an accepted one completes the contract.
        var attempt = 0;
        void Deliver(DateTimeOffset at, string deliveryStatus)
        {
            var decided = deliveryStatus == DeliveryStatus.Submitted ? (DateTimeOffset?)null : at.AddDays(2);
            Bind(delivery, new()
            {
                ["id"] = Text(NextGuid(random)), ["contractId"] = Text(contractId), ["attempt"] = ++attempt, ["quantity"] = plan.Volume,
                ["manifest"] = Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())).PadLeft(64, '0'), ["deliveredAt"] = Time(at),
                ["onTime"] = at <= dueDate ? 1 : 0, ["status"] = deliveryStatus, ["decidedAt"] = decided is { } d ? Time(d) : null,
            });
            if (deliveryStatus == DeliveryStatus.Accepted) history.Add(terms, decided!.Value, f => { f.DeliveriesAccepted++; if (at <= dueDate) f.ContractsOnTime++; });
            if (deliveryStatus == DeliveryStatus.Rejected) history.Add(terms, decided!.Value, f => f.DeliveriesRejected++);
        }
        switch (plan.Outcome)
        {
            case Outcome.Completed:
                var acceptedAt = contractEnd!.Value.AddDays(-2);
                if (random.Next(100) < 15) Deliver(acceptedAt.AddDays(-10), DeliveryStatus.Rejected);
                Deliver(acceptedAt, DeliveryStatus.Accepted);
                history.Add(terms, contractEnd.Value, f => f.ContractsCompleted++);
                break;
            case Outcome.Terminated:
                if (random.Next(2) == 0) Deliver(dueDate.AddDays(-5), DeliveryStatus.Rejected);
                history.Add(terms, contractEnd!.Value, f => f.ContractsTerminated++);
                break;
            default:
                var deliveredAt = decidedAt.AddDays(5 + random.Next(20));
                if (deliveredAt < End.AddDays(-3) && random.Next(100) < 30)
                    Deliver(deliveredAt, random.Next(100) < 30 ? DeliveryStatus.Rejected : DeliveryStatus.Submitted);
                break;
        }
    }

    /// <summary>
    /// The read tables the projection keeps, accumulated event by event in memory with the projection's keys
    /// (<c>DemandFlows</c> and <see cref="RegionActivityProjection"/>), then written in one go.
    /// </summary>
    private sealed class History
    {
        private readonly Dictionary<(string City, string Month, string Domain, string Modality, string Unit, string Base), Flow> _flows = [];
        private readonly Dictionary<(string City, string Month), (long Published, long Awarded, decimal Value)> _regionMonths = [];
        private readonly Dictionary<(string City, int Year, string Domain, Guid Enterprise), (long Awards, decimal Value)> _winners = [];
        private readonly List<Terms> _demands = [];
        private readonly List<(Guid Contract, Guid Demand)> _contracts = [];
        private long _events;
        private DateTimeOffset _last;

        public sealed class Terms(Plan plan)
        {
            public Plan Plan { get; } = plan;
            public string BaseId { get; } = plan.BaseId ?? "";
            public int BidsOpened { get; set; }
            public bool Opened { get; set; }
        }

        public sealed class Flow
        {
            public long DemandsPublished, DemandsOpened, BidsOpened, DemandsAwarded, DemandsUnsuccessful, DemandsCancelled, DeliveriesAccepted,
                ContractsOnTime, DeliveriesRejected, ContractsCompleted, ContractsTerminated;
            public decimal BudgetPublished, AwardedValue, AwardedVolume;
        }

        public Terms Publish(Plan plan)
        {
            var terms = new Terms(plan);
            _demands.Add(terms);
            Add(terms, plan.PublishedAt, f => { f.DemandsPublished++; f.BudgetPublished += plan.Budget; });
            AddRegionMonth(plan.City, plan.PublishedAt, published: 1, awarded: 0, value: 0);
            return terms;
        }

        /// <summary>demand.closed, after one bid.eligible or bid.ineligible per opened bid.</summary>
        public void Close(Terms terms, DateTimeOffset at, int bidsOpened, bool unsuccessful)
        {
            _events += bidsOpened;
            terms.BidsOpened = bidsOpened;
            terms.Opened = true;
            Add(terms, at, f => { f.DemandsOpened++; f.BidsOpened += bidsOpened; if (unsuccessful) f.DemandsUnsuccessful++; });
        }

        public void Award(Terms terms, Guid contract, Guid enterprise, DateTimeOffset at, decimal value)
        {
            Add(terms, at, f => { f.DemandsAwarded++; f.AwardedValue += value; f.AwardedVolume += terms.Plan.Volume; });
            AddRegionMonth(terms.Plan.City, at, published: 0, awarded: 1, value);
            _contracts.Add((contract, terms.Plan.Id));
            var key = (terms.Plan.City, ChinaTime.DateOf(at).Year, terms.Plan.Domain, enterprise);
            var winner = _winners.GetValueOrDefault(key);
            _winners[key] = (winner.Awards + 1, winner.Value + value);
        }

        public void Add(Terms terms, DateTimeOffset at, Action<Flow> change)
        {
            _events++;
            if (at > _last) _last = at;
            var plan = terms.Plan;
            var key = (plan.City, Month(at), plan.Domain, plan.Modality, plan.Unit, terms.BaseId);
            if (!_flows.TryGetValue(key, out var flow)) _flows[key] = flow = new Flow();
            change(flow);
        }

        private void AddRegionMonth(string city, DateTimeOffset at, long published, long awarded, decimal value)
        {
            var row = _regionMonths.GetValueOrDefault((city, Month(at)));
            _regionMonths[(city, Month(at))] = (row.Published + published, row.Awarded + awarded, row.Value + value);
        }

        public void Write(SqliteConnection connection, SqliteTransaction transaction)
        {
            using (var insert = Prepare(connection, transaction, """
                insert into stats_demand_month (region_code, month, domain, modality, volume_unit, base_id, province_code, year, demands_published,
                    budget_published, demands_opened, bids_opened, invitations_sent, demands_awarded, awarded_value, awarded_volume, demands_unsuccessful,
                    demands_cancelled, deliveries_accepted, contracts_on_time, deliveries_rejected, contracts_completed, contracts_terminated)
                values (@regionCode, @month, @domain, @modality, @volumeUnit, @baseId, @provinceCode, @year, @demandsPublished, @budgetPublished,
                    @demandsOpened, @bidsOpened, 0, @demandsAwarded, @awardedValue, @awardedVolume, @demandsUnsuccessful, @demandsCancelled,
                    @deliveriesAccepted, @contractsOnTime, @deliveriesRejected, @contractsCompleted, @contractsTerminated)
                """))
            {
                foreach (var ((city, month, domain, modality, unit, baseId), f) in _flows)
                    Bind(insert, new()
                    {
                        ["regionCode"] = city, ["month"] = month, ["domain"] = domain, ["modality"] = modality, ["volumeUnit"] = unit, ["baseId"] = baseId,
                        ["provinceCode"] = RegionCode.ProvinceOf(city), ["year"] = int.Parse(month[..4], CultureInfo.InvariantCulture),
                        ["demandsPublished"] = f.DemandsPublished, ["budgetPublished"] = f.BudgetPublished, ["demandsOpened"] = f.DemandsOpened,
                        ["bidsOpened"] = f.BidsOpened, ["demandsAwarded"] = f.DemandsAwarded, ["awardedValue"] = f.AwardedValue,
                        ["awardedVolume"] = f.AwardedVolume, ["demandsUnsuccessful"] = f.DemandsUnsuccessful, ["demandsCancelled"] = f.DemandsCancelled,
                        ["deliveriesAccepted"] = f.DeliveriesAccepted, ["contractsOnTime"] = f.ContractsOnTime, ["deliveriesRejected"] = f.DeliveriesRejected,
                        ["contractsCompleted"] = f.ContractsCompleted, ["contractsTerminated"] = f.ContractsTerminated,
                    });
            }
            // The totals over all months are by definition the sums of the monthly rows, which the projection adds to alike.
            using (var totals = Prepare(connection, transaction, """
                insert into stats_demand_totals (region_code, domain, modality, volume_unit, province_code, demands_published, budget_published,
                    demands_opened, bids_opened, invitations_sent, demands_awarded, awarded_value, awarded_volume, demands_unsuccessful,
                    demands_cancelled, deliveries_accepted, contracts_on_time, deliveries_rejected, contracts_completed, contracts_terminated)
                select region_code, domain, modality, volume_unit, min(province_code), sum(demands_published), sum(budget_published),
                    sum(demands_opened), sum(bids_opened), sum(invitations_sent), sum(demands_awarded), sum(awarded_value), sum(awarded_volume),
                    sum(demands_unsuccessful), sum(demands_cancelled), sum(deliveries_accepted), sum(contracts_on_time), sum(deliveries_rejected),
                    sum(contracts_completed), sum(contracts_terminated)
                from stats_demand_month group by region_code, domain, modality, volume_unit
                """))
            {
                totals.ExecuteNonQuery();
            }
            // Every region the overview can be asked for, as the projection keeps it: each city, its province and the nation.
            foreach (var level in new[] { "region_code", "province_code", "'000000'" })
                using (var rollup = Prepare(connection, transaction, $"""
                    insert into stats_demand_rollup (region_code, domain, modality, volume_unit, demands_published, budget_published,
                        demands_opened, bids_opened, invitations_sent, demands_awarded, awarded_value, awarded_volume, demands_unsuccessful,
                        demands_cancelled, deliveries_accepted, contracts_on_time, deliveries_rejected, contracts_completed, contracts_terminated)
                    select {level}, domain, modality, volume_unit, sum(demands_published), sum(budget_published), sum(demands_opened),
                        sum(bids_opened), sum(invitations_sent), sum(demands_awarded), sum(awarded_value), sum(awarded_volume),
                        sum(demands_unsuccessful), sum(demands_cancelled), sum(deliveries_accepted), sum(contracts_on_time), sum(deliveries_rejected),
                        sum(contracts_completed), sum(contracts_terminated)
                    from stats_demand_totals group by {level}, domain, modality, volume_unit
                    """))
                {
                    rollup.ExecuteNonQuery();
                }
            using (var insert = Prepare(connection, transaction, """
                insert into stats_region_month (region_code, month, demands_published, demands_awarded, awarded_value, enterprises_registered,
                    certificates_issued)
                values (@regionCode, @month, @published, @awarded, @value, 0, 0)
                """))
            {
                foreach (var ((city, month), row) in _regionMonths)
                    Bind(insert, new() { ["regionCode"] = city, ["month"] = month, ["published"] = row.Published, ["awarded"] = row.Awarded, ["value"] = row.Value });
            }
            using (var insert = Prepare(connection, transaction, """
                insert into stats_award_winners (region_code, year, domain, enterprise_id, province_code, awards, award_value)
                values (@regionCode, @year, @domain, @enterpriseId, @provinceCode, @awards, @value)
                """))
            {
                foreach (var ((city, year, domain, enterprise), row) in _winners)
                    Bind(insert, new()
                    {
                        ["regionCode"] = city, ["year"] = year, ["domain"] = domain, ["enterpriseId"] = Text(enterprise),
                        ["provinceCode"] = RegionCode.ProvinceOf(city), ["awards"] = row.Awards, ["value"] = row.Value,
                    });
            }
            using (var insert = Prepare(connection, transaction, """
                insert into stats_demands (demand_id, region_code, province_code, domain, modality, volume_unit, base_id, volume, budget, bids_opened, opened)
                values (@demandId, @regionCode, @provinceCode, @domain, @modality, @volumeUnit, @baseId, @volume, @budget, @bidsOpened, @opened)
                """))
            {
                foreach (var t in _demands)
                    Bind(insert, new()
                    {
                        ["demandId"] = Text(t.Plan.Id), ["regionCode"] = t.Plan.City, ["provinceCode"] = RegionCode.ProvinceOf(t.Plan.City),
                        ["domain"] = t.Plan.Domain, ["modality"] = t.Plan.Modality, ["volumeUnit"] = t.Plan.Unit, ["baseId"] = t.BaseId,
                        ["volume"] = t.Plan.Volume, ["budget"] = t.Plan.Budget, ["bidsOpened"] = t.BidsOpened, ["opened"] = t.Opened ? 1 : 0,
                    });
            }
            using (var insert = Prepare(connection, transaction, "insert into stats_contracts (contract_id, demand_id) values (@contractId, @demandId)"))
            {
                foreach (var (contract, demand) in _contracts) Bind(insert, new() { ["contractId"] = Text(contract), ["demandId"] = Text(demand) });
            }
            // The projection's cursor as it would stand after the last event of this history.
            using var cursor = Prepare(connection, transaction, """
                insert into projection_cursors (name, seq, event_at, updated_at) values (@name, @seq, @eventAt, @eventAt)
                on conflict (name) do update set seq = excluded.seq, event_at = excluded.event_at, updated_at = excluded.updated_at
                """);
            Bind(cursor, new() { ["name"] = RegionActivityProjection.ProjectionName, ["seq"] = _events, ["eventAt"] = Time(_last) });
        }

        private static string Month(DateTimeOffset at) => ChinaTime.DateOf(at).ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    private static T Weighted<T>(Random random, T[] items, Func<T, int> weight)
    {
        var roll = random.Next(items.Sum(weight));
        foreach (var item in items)
            if ((roll -= weight(item)) < 0) return item;
        return items[^1];
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string Text(Guid id) => id.ToString("D");

    private static string Time(DateTimeOffset at) => DapperSetup.ToSqliteText(at);

    private static string Date(DateTimeOffset at) => ChinaTime.DateOf(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Guid NextGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, @"@\w+").Select(m => m.Value).Distinct())
            command.Parameters.Add(new SqliteParameter(name, null));
        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, Dictionary<string, object?> values)
    {
        foreach (var (name, value) in values) command.Parameters["@" + name].Value = value ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
