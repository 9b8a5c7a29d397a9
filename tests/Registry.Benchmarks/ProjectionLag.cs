using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Registry.Application;
using Registry.Application.Common;
using Registry.Application.Common.Projections;
using Registry.Application.Statistics.Projections;
using Registry.Domain.Access;
using Registry.Domain.Events;
using Registry.Infrastructure;
using Registry.Infrastructure.Database;

namespace Registry.Benchmarks;

/// <summary>A command that commits one outbox event through the real pipeline (ledger lock, audit record, outbox row).</summary>
[AllowedFor(Roles.Admin)]
public sealed record LagTick(int Tick) : ICommand<int>;

[DomainEvent("benchmark.tick", 1, EmittedBy = "LagTick: the projection-lag benchmark's command")]
public sealed record LagTicked(int Tick) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("benchmark", Tick.ToString(CultureInfo.InvariantCulture));
}

internal sealed class LagTickHandler(IOutbox outbox) : IRequestHandler<LagTick, int>
{
    public Task<int> Handle(LagTick c, CancellationToken ct)
    {
        outbox.Publish(new LagTicked(c.Tick));
        return Task.FromResult(c.Tick);
    }
}

/// <summary>Notes which tick each applied sequence carried; the projector's <see cref="Projector.Advanced"/> marks them applied after the commit.</summary>
internal sealed class LagProbe : IProjection
{
    public static readonly ConcurrentDictionary<long, int> Pending = new();

    /// <summary>Each tick's outbox sequence, kept to find when the statistics projection passed it.</summary>
    public static readonly ConcurrentDictionary<int, long> SeqOfTick = new();

    public string Name => "lag-probe";

    public Task ApplyAsync(StoredEvent e, CancellationToken ct)
    {
        if (e.Type != "benchmark.tick") return Task.CompletedTask;
        var tick = int.Parse(e.EntityId, CultureInfo.InvariantCulture);
        Pending[e.Seq] = tick;
        SeqOfTick[tick] = e.Seq;
        return Task.CompletedTask;
    }

    public Task ResetAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// Commit → projection applied, under a steady write load: writers send <see cref="LagTick"/> at a fixed rate through the
/// real pipeline while the real projector loop runs (polling as configured, with the region-activity projection beside the
/// probe); each tick's lag is the time from its command's return (committed) to the commit of the batch that applied it, and
/// to the commit of the region-activity batch that moved the statistics' cursor (their <c>asOf</c>) past it.
/// Run by hand:  dotnet run -c Release --project tests/Registry.Benchmarks -- projection-lag [--rate 20] [--seconds 60]
///   [--provider PostgreSql --connection "Host=...;Database=...;Username=..."] [--poll 200]
/// </summary>
public static class ProjectionLag
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rate = Option(args, "--rate", 20);
        var seconds = Option(args, "--seconds", 60);
        var poll = Option(args, "--poll", 200);
        var provider = Enum.Parse<DatabaseProvider>(Text(args, "--provider") ?? "Sqlite");
        string? folder = null;
        var database = new DatabaseOptions { Provider = provider, Primary = Text(args, "--connection") };
        if (provider == DatabaseProvider.Sqlite && database.Primary is null)
        {
            folder = Directory.CreateTempSubdirectory("registry-lag-").FullName;
            database.Primary = ConnectionFactory.DefaultSqlite(folder);
        }
        DatabaseMigrator.MigrateUp(database);

        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(database)
            .AddSingleton<ICaller, SystemCaller>()
            .AddSingleton(new ProjectorOptions { PollMilliseconds = poll })
            .AddApplication()
            .AddInfrastructure()
            .AddHandlersFrom(typeof(ProjectionLag).Assembly)
            .AddScoped<IProjection, LagProbe>()
            .BuildServiceProvider();

        var committed = new ConcurrentDictionary<int, long>();
        var applied = new ConcurrentDictionary<int, long>();
        var projector = services.GetRequiredService<Projector>();
        await projector.RunOnceAsync(CancellationToken.None);
        // The statistics read their figures as of region-activity's cursor: a commit is in them once that cursor passes its sequence.
        var statistics = new ConcurrentQueue<(long Seq, long At)>();
        projector.Advanced += (name, seq) =>
        {
            if (name == RegionActivityProjection.ProjectionName) statistics.Enqueue((seq, Stopwatch.GetTimestamp()));
            if (name != "lag-probe") return;
            var now = Stopwatch.GetTimestamp();
            foreach (var (s, tick) in LagProbe.Pending)
                if (s <= seq && LagProbe.Pending.TryRemove(s, out _)) applied[tick] = now;
        };
        using var stop = new CancellationTokenSource();
        var loop = projector.RunAsync(stop.Token);

        Console.WriteLine($"// {provider}: {rate} commits/s for {seconds} s, projector polling every {poll} ms");
        var writes = new List<Task>();
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var start = Stopwatch.GetTimestamp();
        var total = rate * seconds;
        for (var tick = 0; tick < total; tick++)
        {
            var due = start + (long)(tick * interval.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            var t = tick;
            writes.Add(Task.Run(async () =>
            {
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new LagTick(t));
                committed[t] = Stopwatch.GetTimestamp();
            }));
        }
        await Task.WhenAll(writes);
        for (var i = 0; i < 600 && (applied.Count < total || statistics.LastOrDefault().Seq < LagProbe.SeqOfTick.Values.DefaultIfEmpty().Max()); i++)
            await Task.Delay(50);
        await stop.CancelAsync();
        await loop;

        var lags = committed.Where(c => applied.ContainsKey(c.Key))
            .Select(c => Stopwatch.GetElapsedTime(c.Value, applied[c.Key]).TotalMilliseconds).Order().ToList();
        Console.WriteLine($"// commits: {total}, applied: {lags.Count}, elapsed: {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s");
        Console.WriteLine($"commit → applied: p50 {Percentile(lags, 0.50):0} ms, p95 {Percentile(lags, 0.95):0} ms, max {lags.LastOrDefault():0} ms");
        var advances = statistics.ToList();
        var visible = committed.Where(c => LagProbe.SeqOfTick.ContainsKey(c.Key))
            .Select(c => advances.FirstOrDefault(a => a.Seq >= LagProbe.SeqOfTick[c.Key]) is { At: > 0 } a
                ? Stopwatch.GetElapsedTime(c.Value, a.At).TotalMilliseconds : double.NaN)
            .Where(l => !double.IsNaN(l)).Order().ToList();
        Console.WriteLine($"commit → in the statistics (region-activity): {visible.Count} commits, p50 {Percentile(visible, 0.50):0} ms, " +
            $"p95 {Percentile(visible, 0.95):0} ms, max {visible.LastOrDefault():0} ms");

        if (folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        return lags.Count == total ? 0 : 1;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string? Text(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static int Option(string[] args, string name, int fallback) =>
        Text(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
