using System.Diagnostics;
using System.Globalization;
using Registry.Application.Ocds;
using Registry.Infrastructure.Database;
using Registry.Infrastructure.Seeding;

namespace Registry.Api.Hosting;

/// <summary>
/// <c>seed-scale</c>: the demo data, then a national-scale population on top (<see cref="ScaleSeed"/>), with a progress bar.
/// <c>--enterprises 100000 --catalog 1000000 --demands 100000 --bids 1000000 --seed 1</c>; each size may be 0.
/// </summary>
internal static class ScaleSeedVerb
{
    public const string Name = "seed-scale";

    private static readonly string[] Options = ["--enterprises", "--catalog", "--demands", "--bids", "--seed"];

    /// <summary>The sizes from the command line, and the arguments left for the host; or what is wrong with them.</summary>
    public static (ScaleSizes? Sizes, string[] HostArgs, string? Problem) Parse(IReadOnlyList<string> args, DateTimeOffset now)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["--enterprises"] = 100_000, ["--catalog"] = 1_000_000, ["--demands"] = 100_000, ["--bids"] = 1_000_000, ["--seed"] = 1,
        };
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (!Options.Contains(args[i]))
            {
                rest.Add(args[i]);
                continue;
            }
            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                return (null, [], $"{args[i]} takes a whole number.");
            values[args[i]] = value;
            i++;
        }
        // Around the start of today in China, so that a seed gives the same rows all day and its open demands stay open for weeks.
        var today = new DateTimeOffset(now.ToOffset(TimeSpan.FromHours(8)).Date, TimeSpan.FromHours(8)).ToUniversalTime();
        var sizes = new ScaleSizes(values["--enterprises"], values["--catalog"], values["--demands"], values["--bids"], values["--seed"], today);
        var problems = sizes.Problems();
        return problems.Count > 0 ? (null, [], string.Join(" ", problems)) : (sizes, [.. rest], null);
    }

    public static async Task<int> RunAsync(IServiceProvider services, ScaleSizes sizes, ILogger logger, CancellationToken ct)
    {
        await DemoData.SeedAsync(services, logger);
        var database = services.GetRequiredService<DatabaseOptions>();
        var ocds = services.GetRequiredService<OcdsOptions>();
        var started = Stopwatch.GetTimestamp();
        Console.WriteLine(FormattableString.Invariant(
            $"Seeding {sizes.Enterprises:N0} enterprises, {sizes.Catalog:N0} catalog entries, {sizes.Demands:N0} demands and {sizes.Bids:N0} bids (seed {sizes.Seed}) into the {database.Provider} database."));
        await using (var writer = await BulkWriter.OpenAsync(database, ct))
        {
            try
            {
                await ScaleSeed.RunAsync(writer, sizes, ocds.Ocid, new ProgressBar(), ct);
            }
            catch (InvalidOperationException e) when (e.Message.StartsWith("This database already holds", StringComparison.Ordinal))
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 2;
            }
        }
        Console.WriteLine(FormattableString.Invariant($"Seeded in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s."));
        return 0;
    }

    /// <summary>One line per stage, redrawn in place on a terminal; every tenth on a redirected output.</summary>
    private sealed class ProgressBar : IProgress<SeedProgress>
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private string? _stage;
        private int _lastTenth = -1;

        public void Report(SeedProgress value)
        {
            var fraction = value.Total == 0 ? 1 : Math.Clamp((double)value.Done / value.Total, 0, 1);
            var bar = new string('#', (int)(fraction * 30)).PadRight(30, '.');
            var line = FormattableString.Invariant(
                $"{value.Stage,-12} [{bar}] {fraction,4:P0} {value.Done,12:N0} / {value.Total:N0}  {Stopwatch.GetElapsedTime(_started).TotalSeconds,5:0} s");
            if (_stage is not null && _stage != value.Stage && !Console.IsOutputRedirected) Console.WriteLine();
            if (_stage != value.Stage) _lastTenth = -1;
            _stage = value.Stage;
            if (!Console.IsOutputRedirected)
            {
                Console.Write("\r" + line);
                return;
            }
            var tenth = (int)(fraction * 10);
            if (tenth == _lastTenth) return;
            _lastTenth = tenth;
            Console.WriteLine(line);
        }
    }
}
