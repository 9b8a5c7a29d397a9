using Microsoft.Extensions.DependencyInjection;
using Registry.Application.Common;
using Registry.Application.Common.Projections;
using Registry.Application.Exclusions;
using Registry.Domain.Matching;
using Registry.Domain.Time;

namespace Registry.Application.Matching;

/// <summary>
/// Loads this instance's <see cref="MatchingIndex"/> from the database and keeps it current from the outbox: for every event
/// about an enterprise, its certificate, its contracts and deliveries, its exclusions, or a demand, the row is read again and
/// its entry replaced, so applying an event twice changes nothing and every instance converges on the database. An exclusion
/// also starts and stops excluding with the calendar, without an event: when the China date has moved since the last
/// catch-up, the enterprises whose exclusion began or ended in between are read again.
/// <para>
/// It is deliberately not an <see cref="IProjection"/>: a projection's cursor is one row shared by every instance and advanced by
/// whichever holds the lease, which suits a table but not memory that each instance holds. Each instance follows the outbox
/// itself, from the sequence it loaded at (read before the tables, so nothing committed after the load is missed), and keeps
/// no cursor: a restart loads again (docs/matching.md).
/// </para>
/// </summary>
public sealed class MatchingFeed(IServiceScopeFactory scopes, MatchingIndex index, MatchingOptions options, TimeProvider clock) : IDisposable
{
    /// <summary>Events read per round.</summary>
    public const int BatchSize = 500;

    private readonly SemaphoreSlim _turn = new(1, 1);

    // The China date the index's exclusions were judged on.
    private DateOnly _judgedOn;

    /// <summary>Loads the index if it never was, then applies every outbox event after its sequence; returns where it stands.</summary>
    public async Task<IndexAsOf> CatchUpAsync(CancellationToken ct)
    {
        await _turn.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IReadDb>();
            var today = ChinaTime.Today(clock);
            if (!index.Loaded)
            {
                var (loaded, asOf) = await LoadAsync(db, today, ct);
                index.Replace(loaded, asOf);
                _judgedOn = today;
            }
            if (today != _judgedOn)
            {
                await RejudgeAsync(db, await ExclusionsInForce.ChangingBetweenAsync(db, _judgedOn, today, ct), today, ct);
                _judgedOn = today;
            }
            while (await ApplyBatchAsync(db, today, ct)) { }
            return index.AsOf;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>A new index loaded from the database as it is now, and the sequence it reflects at least.</summary>
    public Task<(SupplierIndex Index, IndexAsOf AsOf)> LoadAsync(IQueryDb db, CancellationToken ct) => LoadAsync(db, ChinaTime.Today(clock), ct);

    private async Task<(SupplierIndex Index, IndexAsOf AsOf)> LoadAsync(IQueryDb db, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // The head first: whatever commits while the tables are read comes after it, and is applied again from the outbox.
        var asOf = await MatchingReads.HeadAsync(db, ct);
        var loaded = new SupplierIndex(options.Weights);
        foreach (var supplier in await MatchingReads.SuppliersAsync(db, today, ct)) loaded.Upsert(supplier);
        foreach (var demand in await MatchingReads.OpenDemandsAsync(db, ct)) loaded.UpsertDemand(demand);
        return (loaded, asOf);
    }

    private async Task<bool> ApplyBatchAsync(IQueryDb db, DateOnly today, CancellationToken ct)
    {
        var after = index.AsOf.Sequence;
        var events = await db.QueryAsync<StoredEvent>(ProjectionCursors.EventsSql, new { after, offset = 0, limit = BatchSize }, ct);
        // Sequences are gap-free in commit order; a gap is a commit not yet visible here, so the batch ends before it.
        var batch = events.TakeWhile((e, i) => e.Seq == after + 1 + i).ToList();
        if (batch.Count == 0) return false;

        var enterprises = new HashSet<Guid>();
        var demands = new HashSet<Guid>();
        foreach (var e in batch)
        {
            if (!Guid.TryParse(e.EntityId, out var id)) continue;
            var enterprise = e.Type switch
            {
                "enterprise.registered" or "enterprise.updated" or "designation.granted" or "designation.withdrawn" or "organization.identity_changed" => id,
                _ when e.Type.StartsWith("certificate.", StringComparison.Ordinal) => await MatchingReads.EnterpriseOfCertificateAsync(db, id, ct),
                _ when e.Type.StartsWith("contract.", StringComparison.Ordinal) => await MatchingReads.EnterpriseOfContractAsync(db, id, ct),
                _ when e.Type.StartsWith("delivery.", StringComparison.Ordinal) => await MatchingReads.EnterpriseOfDeliveryAsync(db, id, ct),
                _ when e.Type.StartsWith("exclusion.", StringComparison.Ordinal) => await ExclusionsInForce.EnterpriseOfAsync(db, id, ct),
                // An award creates the contract that takes the winner's capacity.
                "demand.awarded" => await MatchingReads.EnterpriseAwardedAsync(db, id, ct),
                _ => null,
            };
            if (enterprise is { } found) enterprises.Add(found);
            if (e.Type.StartsWith("demand.", StringComparison.Ordinal)) demands.Add(id);
        }

        var suppliers = new List<(Guid Id, SupplierProfile? Profile)>();
        foreach (var id in enterprises) suppliers.Add((id, await MatchingReads.SupplierAsync(db, id, today, ct)));
        var open = new List<(Guid Id, MatchDemand? Demand)>();
        foreach (var id in demands) open.Add((id, await MatchingReads.OpenDemandAsync(db, id, ct)));
        var last = batch[^1];
        index.Write(i =>
        {
            foreach (var (id, profile) in suppliers)
                if (profile is null) i.Remove(id);
                else i.Upsert(profile);
            foreach (var (id, demand) in open)
                if (demand is null) i.RemoveDemand(id);
                else i.UpsertDemand(demand);
        }, new IndexAsOf(last.Seq, last.OccurredAt));
        return true;
    }

    // The sequence stays: these reads follow the calendar, not the outbox.
    private async Task RejudgeAsync(IQueryDb db, IReadOnlyList<Guid> enterprises, DateOnly today, CancellationToken ct)
    {
        if (enterprises.Count == 0) return;
        var suppliers = new List<(Guid Id, SupplierProfile? Profile)>();
        foreach (var id in enterprises) suppliers.Add((id, await MatchingReads.SupplierAsync(db, id, today, ct)));
        index.Write(i =>
        {
            foreach (var (id, profile) in suppliers)
                if (profile is null) i.Remove(id);
                else i.Upsert(profile);
        }, index.AsOf);
    }

    public void Dispose() => _turn.Dispose();
}
