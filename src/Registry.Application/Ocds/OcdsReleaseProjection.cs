using System.Collections.Frozen;
using Registry.Application.Common;
using Registry.Application.Common.Projections;

namespace Registry.Application.Ocds;

/// <summary>
/// Numbers the OCDS releases 1, 2, 3 … in commit order (<c>ocds_releases</c>): one per public event of a published demand, its
/// award or its contract, with the demand it belongs to. Like the change feed's positions (docs/one-network.md), they become
/// visible in order and without gaps, so a crawler resuming from its cursor never misses or repeats a release, and they count
/// public events only, so they reveal nothing of the bids committed in between.
/// </summary>
public sealed class OcdsReleaseProjection(IWriteDb db) : IProjection
{
    public const string ProjectionName = "ocds-releases";

    /// <summary>The events that are releases; every other one is ignored.</summary>
    public static readonly FrozenSet<string> ReleaseTypes = FrozenSet.Create(StringComparer.Ordinal,
        "demand.published", "demand.deadline_extended", "demand.amended", "demand.clarified", "demand.closed", "demand.awarded", "demand.cancelled",
        "demand.unsuccessful", "contract.signed", "contract.annulled", "contract.completed", "contract.terminated");

    public string Name => ProjectionName;

    public async Task ApplyAsync(StoredEvent e, CancellationToken ct)
    {
        if (!ReleaseTypes.Contains(e.Type)) return;
        var demandId = e.EntityType == "demand" ? e.EntityGuid : e.Read<ContractEventDemand>().DemandId;
        // A draft cancelled before publication never had an ocid: no contracting process was opened, so there is nothing to release.
        if (e.Type != "demand.published" && await db.ScalarAsync<long>(ReleasedSql, new { demandId }, ct) == 0) return;
        await db.ExecuteAsync(AppendSql, new { seq = e.Seq, demandId }, ct);
    }

    public Task ResetAsync(CancellationToken ct) => db.ExecuteAsync(ResetSql, null, ct);

    private sealed record ContractEventDemand(Guid DemandId);

    private static readonly Sql ReleasedSql = new("select count(*) from ocds_releases where demand_id = @demandId");

    private static readonly Sql AppendSql = new(
        "insert into ocds_releases (position, seq, demand_id) select coalesce(max(position), 0) + 1, @seq, @demandId from ocds_releases");

    private static readonly Sql ResetSql = new("delete from ocds_releases");
}
