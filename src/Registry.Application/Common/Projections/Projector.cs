using System.Data.Common;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Registry.Application.Common.Projections;

/// <summary>Settings of the outbox projector (<c>Projections:*</c>).</summary>
public sealed class ProjectorOptions
{
    /// <summary>Runs the continuous loop in this process; the test host and command-line verbs run it on demand instead.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Events applied per transaction.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How long a projection stays with the instance that last advanced it; an instance that dies frees it after this.</summary>
    public double LeaseSeconds { get; set; } = 30;

    /// <summary>How often an idle instance looks for new events.</summary>
    public int PollMilliseconds { get; set; } = 200;
}

/// <summary>
/// Feeds the outbox, in sequence order, to every registered <see cref="IProjection"/>. Each batch is one transaction that takes
/// the projection's lease, applies the events and moves its cursor, so an event counts exactly once whatever the number of
/// instances and however a process ends. An event a projection cannot apply stops that projection alone, recorded on its
/// cursor, until an operator resumes it.
/// </summary>
public sealed class Projector(IServiceScopeFactory scopes, IConnectionFactory connections, TimeProvider clock, ProjectorOptions options,
    ILogger<Projector> logger)
{
    private IReadOnlyList<string>? _names;
    private bool _ensured;

    /// <summary>This instance's lease holder name.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Raised after a batch commits, with the projection and its new sequence.</summary>
    public event Action<string, long>? Advanced;

    /// <summary>The registered projections' names.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            if (_names is not null) return _names;
            using var scope = scopes.CreateScope();
            return _names = scope.ServiceProvider.GetServices<IProjection>().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The continuous loop of the hosted service: catch up, then look again every poll interval.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var applied = 0;
            try
            {
                applied = await RunOnceAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The database may be away for a moment; nothing was committed, so the next round starts from the same cursors.
                logger.LogWarning(e, "The projector could not advance; it tries again.");
            }
            if (applied == 0)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(options.PollMilliseconds), stopping);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        await ReleaseAsync(CancellationToken.None);
    }

    /// <summary>
    /// Catches every projection up with the outbox as far as this instance may (a projection leased by another instance is
    /// left to it): one batch per projection per round, until a round applies nothing; then frees the leases it took, so an
    /// idle instance holds none. Returns the number of events applied.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await EnsureCursorsAsync(ct);
        var total = 0;
        while (true)
        {
            var round = 0;
            foreach (var state in await StatesAsync(ct))
                if (Names.Contains(state.Name) && IsDue(state)) round += await AdvanceAsync(state, ct);
            if (round == 0) break;
            total += round;
        }
        if (total > 0) await ReleaseAsync(ct);
        return total;
    }

    /// <summary>Runs until the projection reaches the outbox's head as it is now, or stops; returns its state then.</summary>
    public async Task<ProjectionState> CatchUpAsync(string name, CancellationToken ct)
    {
        await EnsureCursorsAsync(ct);
        var head = (await StateAsync(name, ct)).Head;
        while (true)
        {
            var state = await StateAsync(name, ct);
            if (state.Seq >= head || state.Stopped)
            {
                await ReleaseAsync(ct);
                return state;
            }
            if ((IsDue(state) ? await AdvanceAsync(state, ct) : 0) == 0)
                await Task.Delay(TimeSpan.FromMilliseconds(options.PollMilliseconds), ct);
        }
    }

    /// <summary>The cursors of every projection, read on the primary.</summary>
    public async Task<IReadOnlyList<ProjectionState>> StatesAsync(CancellationToken ct)
    {
        await using var connection = await connections.OpenPrimaryAsync(ct);
        return (await connection.QueryAsync<ProjectionState>(
            new CommandDefinition(ProjectionCursors.StatesSql.For(connections.Dialect), cancellationToken: ct))).AsList();
    }

    private async Task<ProjectionState> StateAsync(string name, CancellationToken ct) =>
        (await StatesAsync(ct)).SingleOrDefault(s => s.Name == name) ?? throw new NotFound("projection", name);

    /// <summary>Gives up this instance's leases, so another instance takes over at once rather than when they expire.</summary>
    public async Task ReleaseAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = await connections.OpenPrimaryAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(ProjectionCursors.ReleaseSql.For(connections.Dialect),
                SqlParameters.Of(new { owner = Owner }), cancellationToken: ct));
        }
        catch (DbException e)
        {
            logger.LogWarning(e, "The projector could not release its leases; they expire on their own.");
        }
    }

    private bool IsDue(ProjectionState s) =>
        !s.Stopped && s.Seq < s.Head && (s.Owner is null || s.Owner == Owner || s.LeaseUntil < clock.GetUtcNow());

    private async Task EnsureCursorsAsync(CancellationToken ct)
    {
        if (_ensured) return;
        await using var scope = scopes.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<WriteSession>();
        await session.BeginAsync(ct);
        try
        {
            foreach (var name in Names) await session.ExecuteAsync(ProjectionCursors.EnsureSql, new { name, now = clock.GetUtcNow() }, ct);
            await session.CommitAsync(ct);
            _ensured = true;
        }
        catch (DbException e)
        {
            // Two instances starting together may both insert a new projection's row: the loser finds it there next round.
            logger.LogInformation(e, "Projection cursors are being created by another instance.");
        }
    }

    private async Task<int> AdvanceAsync(ProjectionState state, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<WriteSession>();
        var projection = scope.ServiceProvider.GetServices<IProjection>().Single(p => p.Name == state.Name);
        var now = clock.GetUtcNow();
        await session.BeginAsync(ct);
        var claimed = await session.ExecuteAsync(ProjectionCursors.ClaimSql, new
        {
            name = state.Name, seq = state.Seq, owner = Owner, now, leaseUntil = now.AddSeconds(options.LeaseSeconds),
        }, ct);
        if (claimed == 0)
        {
            await session.RollbackAsync();
            return 0;
        }

        var events = await session.QueryAsync<StoredEvent>(ProjectionCursors.EventsSql,
            new { after = state.Seq, offset = 0, limit = options.BatchSize }, ct);
        StoredEvent? last = null;
        (StoredEvent Event, Exception Error)? failure = null;
        // Sequences are gap-free in commit order; a gap would be a commit not yet visible here, so the batch ends before it.
        foreach (var e in events.TakeWhile((e, i) => e.Seq == state.Seq + 1 + i))
        {
            try
            {
                await session.SavepointAsync(async () =>
                {
                    await projection.ApplyAsync(e, ct);
                    return true;
                }, ct);
                last = e;
            }
            catch (Exception error) when (!ct.IsCancellationRequested)
            {
                failure = (e, error);
                break;
            }
        }

        var position = new { name = state.Name, owner = Owner, now, seq = last?.Seq ?? state.Seq, eventAt = last?.OccurredAt ?? state.EventAt };
        if (failure is { } f)
        {
            await session.ExecuteAsync(ProjectionCursors.StopSql, new
            {
                position.name, position.owner, position.now, position.seq, position.eventAt, stoppedSeq = f.Event.Seq, stoppedType = f.Event.Type,
                stoppedReason = Truncate($"{f.Error.GetType().Name}: {f.Error.Message}", 2000),
            }, ct);
            logger.LogError(f.Error, "Projection {Projection} stopped at event {Seq} ({Type}); it stays stopped until an operator resumes it.",
                state.Name, f.Event.Seq, f.Event.Type);
        }
        else if (last is not null)
        {
            await session.ExecuteAsync(ProjectionCursors.AdvanceSql, position, ct);
        }
        await session.CommitAsync(ct);
        if (last is not null) Advanced?.Invoke(state.Name, last.Seq);
        return last is null ? 0 : (int)(last.Seq - state.Seq);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
