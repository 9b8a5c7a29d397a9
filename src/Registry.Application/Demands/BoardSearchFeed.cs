using Microsoft.Extensions.DependencyInjection;
using Registry.Application.Common;
using Registry.Application.Common.Projections;
using Registry.Application.Common.Search;

namespace Registry.Application.Demands;

/// <summary>
/// Loads this instance's <see cref="IBoardSearchIndex"/> from the published demands and keeps it equal to them from the
/// outbox (<see cref="SearchIndexFeed{TDocument}"/>). Every change of a demand's board fields comes with an event about the
/// demand itself (published, amended, deadline extended, closed, evaluated, awarded, unsuccessful, cancelled), its contract
/// (annulled, completed, terminated: the contract moves its demand) or a delivery of its contract (the first delivery puts the
/// demand in delivery); each such event reads its demand's row again.
/// </summary>
public sealed class BoardSearchFeed(IServiceScopeFactory scopes, IBoardSearchIndex index, SearchOptions options)
    : SearchIndexFeed<BoardIndexDocument>(scopes, index, options.LoadOnDemand)
{
    protected override IAsyncEnumerable<BoardIndexDocument> AllAsync(IQueryDb db, CancellationToken ct) =>
        ChunksAsync<Row>(db, ChunkSql, r => r.Id, r => r.ToDocument(), ct);

    protected override async Task<(IReadOnlyCollection<BoardIndexDocument> Upserts, IReadOnlyCollection<Guid> Removals)> ChangesAsync(
        IQueryDb db, IReadOnlyList<StoredEvent> batch, CancellationToken ct)
    {
        var demands = new HashSet<Guid>();
        foreach (var e in batch)
        {
            if (!Guid.TryParse(e.EntityId, out var id)) continue;
            switch (e.EntityType)
            {
                case "demand":
                    demands.Add(id);
                    break;
                case "contract" when await db.ScalarAsync<Guid?>(ContractDemandSql, new { id }, ct) is { } demand:
                    demands.Add(demand);
                    break;
                case "delivery" when await db.ScalarAsync<Guid?>(DeliveryDemandSql, new { id }, ct) is { } demand:
                    demands.Add(demand);
                    break;
            }
        }

        var upserts = new List<BoardIndexDocument>();
        var removals = new List<Guid>();
        foreach (var id in demands)
        {
            if (await db.QuerySingleOrDefaultAsync<Row>(ByIdSql, new { id }, ct) is { } row) upserts.Add(row.ToDocument());
            else removals.Add(id);
        }
        return (upserts, removals);
    }

    // Published demands only: a draft has no number and is never on the board.
    private const string Columns = """
        select id, terms, status, domain, modality, region_code, preferred_base_id, budget_ceiling, bid_deadline from demands
        """;

    private static readonly Sql ChunkSql = new(d => $"{Columns} where number is not null and id > @after order by id {d.Page}");
    private static readonly Sql ByIdSql = new($"{Columns} where number is not null and id = @id");
    private static readonly Sql ContractDemandSql = new("select demand_id from contracts where id = @id");
    private static readonly Sql DeliveryDemandSql = new("""
        select c.demand_id from deliveries dl join contracts c on c.id = dl.contract_id where dl.id = @id
        """);

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string? Terms { get; init; }
        public string Status { get; init; } = "";
        public string Domain { get; init; } = "";
        public string Modality { get; init; } = "";
        public string RegionCode { get; init; } = "";
        public Guid? PreferredBaseId { get; init; }
        public decimal BudgetCeiling { get; init; }
        public DateTimeOffset BidDeadline { get; init; }

        public BoardIndexDocument ToDocument() =>
            new(Id, Terms ?? "", Status, Domain, Modality, RegionCode, PreferredBaseId, BudgetCeiling, BidDeadline);
    }
}
