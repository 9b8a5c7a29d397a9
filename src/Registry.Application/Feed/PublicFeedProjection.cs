using System.Collections.Frozen;
using Registry.Application.Common;
using Registry.Application.Common.Projections;
using Registry.Domain.Events;
using Registry.Domain.Regions;

namespace Registry.Application.Feed;

/// <summary>
/// Numbers the public events of the outbox 1, 2, 3 … in commit order (<c>feed_events</c>): the positions the change feed's
/// cursors carry; and numbers them again per province and per city of the region they concern (<c>feed_region_events</c>),
/// the regional slices. The projector applies events in sequence order, exactly once, one instance at a time, and commits the
/// positions with its cursor, so positions become visible in order and without gaps (docs/one-network.md).
/// </summary>
public sealed class PublicFeedProjection(IWriteDb db) : IProjection
{
    public const string ProjectionName = "public-feed";

    private static readonly FrozenSet<string> PublicTypes =
        DomainEventTypes.All.Where(d => d.Public).Select(d => d.Name).ToFrozenSet(StringComparer.Ordinal);

    public string Name => ProjectionName;

    /// <summary>Whether readers of the feed may see events of this name (unknown names: no).</summary>
    public static bool IsPublic(string type) => PublicTypes.Contains(type);

    /// <summary>The slices an event of <paramref name="regionCode"/> belongs to: its province, and its city when that is another code.</summary>
    public static IEnumerable<string> SlicesOf(string regionCode) => RegionCode.Covering(regionCode).Where(r => r != RegionCode.National);

    public async Task ApplyAsync(StoredEvent e, CancellationToken ct)
    {
        if (!IsPublic(e.Type)) return;
        await db.ExecuteAsync(AppendSql, new { seq = e.Seq }, ct);
        // The region its subject has when the event is projected: a subject's region never changes but by an audited identity change.
        if (RegionSql.GetValueOrDefault(e.EntityType) is not { } regionSql || !Guid.TryParse(e.EntityId, out var id)) return;
        if (await db.QuerySingleOrDefaultAsync<string>(regionSql, new { id }, ct) is not { Length: 6 } region) return;
        foreach (var slice in SlicesOf(region)) await db.ExecuteAsync(AppendRegionSql, new { seq = e.Seq, region = slice }, ct);
    }

    public async Task ResetAsync(CancellationToken ct)
    {
        await db.ExecuteAsync(ResetSql, null, ct);
        await db.ExecuteAsync(ResetRegionsSql, null, ct);
    }

    private static readonly FrozenDictionary<string, Sql> RegionSql = new Dictionary<string, Sql>
    {
        ["demand"] = new("select region_code from demands where id = @id"),
        ["enterprise"] = new("select region_code from organizations where id = @id"),
        ["organization"] = new("select region_code from organizations where id = @id"),
        ["certificate"] = new("select o.region_code from certificates c join organizations o on o.id = c.enterprise_id where c.id = @id"),
        ["catalog_entry"] = new("""
            select v.region_code from catalog_entries e
            join catalog_entry_versions v on v.entry_id = e.id and v.version = coalesce(e.published_version, e.latest_version)
            where e.id = @id
            """),
        ["base"] = new("select region_code from bases where id = @id"),
        ["complaint"] = new("select d.region_code from demand_complaints p join demands d on d.id = p.demand_id where p.id = @id"),
        ["contract"] = new("select d.region_code from contracts c join demands d on d.id = c.demand_id where c.id = @id"),
        ["exclusion"] = new("select o.region_code from exclusions x join organizations o on o.id = x.enterprise_id where x.id = @id"),
        ["delivery"] = new("""
            select d.region_code from deliveries v join contracts c on c.id = v.contract_id join demands d on d.id = c.demand_id where v.id = @id
            """),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly Sql AppendSql = new("insert into feed_events (position, seq) select coalesce(max(position), 0) + 1, @seq from feed_events");

    private static readonly Sql AppendRegionSql = new("""
        insert into feed_region_events (region_code, position, seq)
        select @region, coalesce(max(position), 0) + 1, @seq from feed_region_events where region_code = @region
        """);

    private static readonly Sql ResetSql = new("delete from feed_events");

    private static readonly Sql ResetRegionsSql = new("delete from feed_region_events");
}
