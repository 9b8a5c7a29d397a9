using System.Collections.Frozen;
using System.Security.Claims;
using OpenIddict.Abstractions;
using Registry.Infrastructure.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Registry.Api.Hosting;

/// <summary>How often each API instance re-reads withdrawn access (<c>Identity:WithdrawalRefreshSeconds</c>, default 5).</summary>
public sealed class WithdrawalOptions
{
    public double WithdrawalRefreshSeconds { get; set; } = 5;
}

/// <summary>
/// The access withdrawn recently, held in memory and refreshed from the database every few seconds by
/// <see cref="WithdrawnAccessRefresher"/>, so that validating a token never reads the database: an access token is refused
/// when its id was revoked, or when its subject, organization or client was withdrawn at or after the token was issued.
/// </summary>
public sealed class WithdrawnAccess
{
    private Snapshot _current = Snapshot.Empty;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Refuses(ClaimsPrincipal principal)
    {
        var current = Volatile.Read(ref _current);
        // Nothing withdrawn (the usual case) costs no claim lookup.
        if (current.TokenIds.Count > 0 && principal.GetTokenId() is { } tokenId && current.TokenIds.Contains(tokenId)) return true;
        if (current.Subjects.Count == 0) return false;
        // A token without an issue date cannot prove it came after a withdrawal.
        var issued = principal.GetCreationDate() ?? DateTimeOffset.MinValue;
        foreach (var claim in (ReadOnlySpan<string>)[Claims.Subject, HttpCaller.OrganizationClaim, Claims.ClientId])
        {
            if (principal.FindFirst(claim)?.Value is { } subject && current.Subjects.TryGetValue(subject, out var withdrawnAt) && issued <= withdrawnAt)
                return true;
        }
        return false;
    }

    /// <summary>Completes when a refresh that starts after this call has finished (callers that must see a withdrawal take effect).</summary>
    public Task NextRefreshAsync() => Volatile.Read(ref _next).Task;

    internal async Task RefreshAsync(WithdrawnAccessStore store, DateTimeOffset since, DateTimeOffset now, CancellationToken ct)
    {
        var finished = Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            var rows = await store.LoadAsync(since, now, ct);
            var subjects = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in rows.Subjects)
                subjects[row.Subject] = subjects.TryGetValue(row.Subject, out var known) && known > row.WithdrawnAt ? known : row.WithdrawnAt;
            Volatile.Write(ref _current, new Snapshot(subjects.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), rows.TokenIds.ToFrozenSet(StringComparer.Ordinal)));
        }
        finally
        {
            finished.TrySetResult();
        }
    }

    private sealed record Snapshot(FrozenDictionary<string, DateTimeOffset> Subjects, FrozenSet<string> TokenIds)
    {
        public static readonly Snapshot Empty = new(FrozenDictionary<string, DateTimeOffset>.Empty, FrozenSet<string>.Empty);
    }
}

/// <summary>
/// Refreshes <see cref="WithdrawnAccess"/> from the database every <see cref="WithdrawalOptions.WithdrawalRefreshSeconds"/>: first
/// before the host serves requests, then in the background; now and then it drops withdrawals no live token can concern.
/// </summary>
public sealed class WithdrawnAccessRefresher(WithdrawnAccess withdrawn, WithdrawnAccessStore store, IdentityOptions identity,
    WithdrawalOptions options, TimeProvider clock, ILogger<WithdrawnAccessRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);

    // Access tokens live AccessTokenMinutes; a minute more covers clocks a little apart between instances.
    private TimeSpan Horizon => TimeSpan.FromMinutes(identity.AccessTokenMinutes + 1);

    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshOnceAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.05, options.WithdrawalRefreshSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
            await RefreshOnceAsync(stoppingToken);
    }

    private async Task RefreshOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        try
        {
            await withdrawn.RefreshAsync(store, now - Horizon, now, ct);
            if (now - _lastPrune >= PruneEvery)
            {
                _lastPrune = now;
                await store.PruneAsync(now - Horizon, ct);
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The last known withdrawals stay in force; the next tick tries again.
            logger.LogError(e, "Could not refresh the withdrawn access from the database.");
        }
    }
}

public static class WithdrawnAccessExtensions
{
    public static WebApplicationBuilder AddWithdrawnAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Identity").Get<WithdrawalOptions>() ?? new WithdrawalOptions());
        builder.Services.AddSingleton<WithdrawnAccess>();
        builder.Services.AddHostedService<WithdrawnAccessRefresher>();
        return builder;
    }
}
