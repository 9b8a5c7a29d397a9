using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using Registry.Application.Common;
using Registry.Infrastructure.Database;

namespace Registry.Benchmarks.Contention;

/// <summary>
/// Latency under contention and write throughput, against the real host started as a child process (Release build, demo data,
/// rate limiting and jobs off). Not a BenchmarkDotNet benchmark: it measures what concurrent callers see over HTTP.
///   dotnet run -c Release --project tests/Registry.Benchmarks -- contention --provider Sqlite [--samples 200] [--seconds 10]
///   ... --provider PostgreSql --postgres "Host=...;Username=...;Database=postgres"   (a fresh database is created there)
/// </summary>
public static partial class ContentionRun
{
    private sealed record Options(DatabaseProvider Provider, string? Postgres, int Samples, int Seconds, int[] Writers, int ImportRows, string Api);

    public static async Task<int> MainAsync(string[] args)
    {
        var o = Parse(args);
        var data = Directory.CreateTempSubdirectory("registry-contention-");
        string? database = null;
        string? primary = null;
        if (o.Provider == DatabaseProvider.PostgreSql)
        {
            database = "registry_bench_" + Guid.NewGuid().ToString("N")[..8];
            await using (var admin = new NpgsqlConnection(o.Postgres)) await admin.ExecuteAsync($"create database {database}");
            primary = new NpgsqlConnectionStringBuilder(o.Postgres) { Database = database, MaxPoolSize = 100 }.ToString();
        }
        var port = FreePort();
        using var host = StartHost(o, data.FullName, primary, port);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
            await WaitUntilReadyAsync(http, host);
            Console.WriteLine($"# Contention run, {o.Provider}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            Console.WriteLine($"samples per phase {o.Samples}, {o.Seconds} s per throughput cell, import of {o.ImportRows} rows");
            Console.WriteLine();
            await LatencyAsync(http, o);
            Console.WriteLine();
            await ThroughputAsync(http, o, primary ?? SqliteConnection(data.FullName));
            return 0;
        }
        finally
        {
            if (!host.HasExited) host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
            if (database is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(o.Postgres);
                await admin.ExecuteAsync($"drop database if exists {database} with (force)");
            }
            data.Delete(recursive: true);
        }
    }

    // ---- latency of bid submissions: alone, during wrong-password sign-ins, during an import --------------------------------

    private static async Task LatencyAsync(HttpClient http, Options o)
    {
        var agency = await TokenAsync(http, "cd-health");
        var bidders = await BiddersAsync(http);
        var demands = await GetJsonAsync(http, agency, "/api/v1/demands/mine?status=open&pageSize=100");
        var demand = demands.GetProperty("items")[0].GetProperty("id").GetGuid();
        var importer = await TokenAsync(http, "hf-transport");

        // Warm-up of every path the phases take, so that no phase pays for the JIT's tiering (which rejits hot methods on a
        // background thread after their first calls: on 2 cores, measurably in the phase that first runs them).
        await BidsAsync(http, bidders, demand, 100);
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3)))
            await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => GuessAsync(http.BaseAddress!, () => { }, stop.Token))));
        await ImportAsync(http, importer, 500, [], CancellationToken.None, once: true);
        await BidsAsync(http, bidders, demand, 100);
        var rows = new List<(string Phase, List<double> Ms, string Note)>();
        rows.Add(("bids alone", await BidsAsync(http, bidders, demand, o.Samples), ""));

        using (var stop = new CancellationTokenSource())
        {
            var attempts = 0;
            var guessers = Enumerable.Range(0, 8).Select(_ => Task.Run(() => GuessAsync(http.BaseAddress!, () => Interlocked.Increment(ref attempts), stop.Token))).ToList();
            await Task.Delay(1000);
            var started = Stopwatch.GetTimestamp();
            var ms = await BidsAsync(http, bidders, demand, o.Samples);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var during = attempts;
            await stop.CancelAsync();
            await Task.WhenAll(guessers);
            rows.Add(("bids while 8 threads sign in with wrong passwords", ms, $"{during / seconds:0} sign-in attempts/s meanwhile"));
        }

        using (var stop = new CancellationTokenSource())
        {
            var imports = new List<double>();
            var importing = Task.Run(() => ImportAsync(http, importer, o.ImportRows, imports, stop.Token));
            await Task.Delay(500);
            var ms = await BidsAsync(http, bidders, demand, o.Samples);
            await stop.CancelAsync();
            await importing;
            rows.Add(($"bids during a {o.ImportRows:N0}-row catalog import", ms,
                imports.Count == 0 ? "import still running when the bids were done" : $"imports took {string.Join(", ", imports.Select(s => s.ToString("0.0", CultureInfo.InvariantCulture) + " s"))}"));
        }

        var alone = Percentile(rows[0].Ms, 0.95);
        Console.WriteLine("| phase | bids | p50 | p95 | max | p95 ÷ p95 alone | meanwhile |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var (phase, ms, note) in rows)
            Console.WriteLine(FormattableString.Invariant(
                $"| {phase} | {ms.Count} | {Percentile(ms, 0.5):0.0} ms | {Percentile(ms, 0.95):0.0} ms | {ms.Max():0.0} ms | {Percentile(ms, 0.95) / alone:0.00} | {note} |"));
    }

    // The demo's own bidders on its open image / bounding-box demand (certified, capable), each given an API client by the admin.
    private static async Task<string[]> BiddersAsync(HttpClient http)
    {
        var admin = await TokenAsync(http, "admin");
        var found = await GetJsonAsync(http, admin,
            "/api/v1/enterprises?modality=image&taskType=bounding_box&minGrade=1&certificateStatus=active&sort=capacity&pageSize=3");
        var tokens = new List<string>();
        foreach (var enterprise in found.GetProperty("items").EnumerateArray())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/clients")
            {
                Content = JsonContent.Create(new { organizationId = enterprise.GetProperty("id").GetGuid(), displayName = "基准测试客户端" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            using var response = await http.SendAsync(request);
            var client = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Creating a bidder's client failed: {client}");
            tokens.Add(await TokenAsync(http, client.GetProperty("clientId").GetString()!, client.GetProperty("clientSecret").GetString()!));
        }
        return [.. tokens];
    }

    private static async Task<List<double>> BidsAsync(HttpClient http, string[] bidders, Guid demand, int count)
    {
        var ms = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/demands/{demand}/bids/mine")
            {
                Content = JsonContent.Create(new
                {
                    price = 300000m - i, deliveryDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), accuracy = 0.97m, teamSize = 20,
                    technicalSummary = "基准测试投标：双人交叉复核，分批交付。",
                }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bidders[i % bidders.Length]);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request);
            ms.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"A bid failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return ms;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    // Unknown usernames, so the throttle never answers early: every attempt checks a password, as a wide guessing run would.
    private static async Task GuessAsync(Uri server, Action attempted, CancellationToken stop)
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = server };
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var page = await browser.GetStringAsync("/account/signin", stop);
                var token = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);
                using var answer = await browser.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token, ["returnUrl"] = "", ["username"] = "guess-" + Guid.NewGuid().ToString("N")[..12],
                    ["password"] = "wrong-" + Guid.NewGuid().ToString("N"),
                }), stop);
                if (answer.StatusCode != HttpStatusCode.Unauthorized)
                    throw new InvalidOperationException($"A wrong password got {(int)answer.StatusCode}.");
                attempted();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static async Task ImportAsync(HttpClient http, string token, int rows, List<double> seconds, CancellationToken stop, bool once = false)
    {
        do
        {
            var prefix = "BM" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
            var csv = new StringBuilder("code,title,description,domain,modalities,taskTypes,volume,volumeUnit,securityLevel,openness,opennessConditions,regionCode,sourceSystem,updateFrequency,contact\r\n");
            for (var i = 1; i <= rows; i++)
                csv.Append(CultureInfo.InvariantCulture, $"{prefix}-{i:D5},合肥市第{i}批道路巡检图像标注,道路巡检图像,transport,image,bounding_box,1000,images,general,open,,340100,交通平台,daily,交通处\r\n");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/catalog/import?publish=false")
            {
                Content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, CancellationToken.None);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"The import failed: {(int)response.StatusCode}");
            lock (seconds) seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        while (!once && !stop.IsCancellationRequested);
    }

    // ---- throughput: committed commands per second through the pipeline, against the same insert without it --------------

    private static async Task ThroughputAsync(HttpClient http, Options o, string primary)
    {
        var agency = await TokenAsync(http, "cd-health");
        var factory = new ConnectionFactory(new DatabaseOptions { Provider = o.Provider, Primary = primary });
        Guid agencyId;
        await using (var connection = await factory.OpenPrimaryAsync(default))
            agencyId = await connection.ExecuteScalarAsync<Guid>(AgencySql.For(factory.Dialect), SqlParameters.Of(new { nameZh = "成都市卫生健康委员会" }));

        Console.WriteLine("| writers | pipeline: `POST /api/v1/catalog` (commands/s) | bare insert, same rows (inserts/s) | ratio |");
        Console.WriteLine("|---:|---:|---:|---:|");
        foreach (var writers in o.Writers)
        {
            var pipeline = await RateAsync(writers, o.Seconds, async n =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/catalog") { Content = JsonContent.Create(Entry("TP", n)) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agency);
                using var response = await http.SendAsync(request);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"A command failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            });
            var bare = await RateAsync(writers, o.Seconds, async n =>
            {
                await using var connection = await factory.OpenPrimaryAsync(default);
                await using var tx = await connection.BeginTransactionAsync();
                var id = Guid.CreateVersion7();
                var now = DateTimeOffset.UtcNow;
                await connection.ExecuteAsync(InsertEntrySql.For(factory.Dialect), SqlParameters.Of(new { id, agencyId, code = Code("BI", n), status = "draft", now }), tx);
                await connection.ExecuteAsync(InsertVersionSql.For(factory.Dialect), SqlParameters.Of(new
                {
                    id, version = 1, title = "基准测试目录条目", description = "基准测试目录条目：用于测量写入吞吐。", domain = "healthcare",
                    modalities = ",image,", taskTypes = ",segmentation,", volume = 1000m, volumeUnit = "images", securityLevel = "general",
                    openness = "open", opennessConditions = (string?)null, regionCode = "510100", sourceSystem = "基准测试", updateFrequency = "monthly",
                    contact = "数据管理处", now,
                }), tx);
                await tx.CommitAsync();
            });
            Console.WriteLine(FormattableString.Invariant($"| {writers} | {pipeline:0} | {bare:0} | {pipeline / bare:0.00} |"));
        }
    }

    private static int _codes;

    private static string Code(string prefix, int n) => FormattableString.Invariant($"{prefix}-{Environment.ProcessId}-{Interlocked.Increment(ref _codes)}-{n}");

    private static object Entry(string prefix, int n) => new
    {
        code = Code(prefix, n), title = "基准测试目录条目", description = "基准测试目录条目：用于测量写入吞吐。", domain = "healthcare",
        modalities = new[] { "image" }, taskTypes = new[] { "segmentation" }, volume = 1000m, volumeUnit = "images", securityLevel = "general",
        openness = "open", opennessConditions = (string?)null, regionCode = "510100", sourceSystem = "基准测试", updateFrequency = "monthly",
        contact = "数据管理处",
    };

    private static async Task<double> RateAsync(int writers, int seconds, Func<int, Task> write)
    {
        var done = 0;
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                await write(w);
                Interlocked.Increment(ref done);
            }
        })));
        return done / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static readonly Sql AgencySql = new("select id from organizations where name_zh = @nameZh");
    private static readonly Sql InsertEntrySql = new("""
        insert into catalog_entries (id, agency_id, code, status, draft_version, published_version, latest_version, withdrawn_reason, row_version, created_at, updated_at)
        values (@id, @agencyId, @code, @status, 1, null, 1, null, 1, @now, @now)
        """);
    private static readonly Sql InsertVersionSql = new("""
        insert into catalog_entry_versions (entry_id, version, title, description, domain, modalities, task_types, volume, volume_unit,
            security_level, openness, openness_conditions, region_code, source_system, update_frequency, contact, published_at, created_at)
        values (@id, @version, @title, @description, @domain, @modalities, @taskTypes, @volume, @volumeUnit, @securityLevel, @openness,
            @opennessConditions, @regionCode, @sourceSystem, @updateFrequency, @contact, null, @now)
        """);

    // ---- the host ---------------------------------------------------------------------------------------------------------

    private static Process StartHost(Options o, string dataFolder, string? primary, int port)
    {
        var start = new ProcessStartInfo("dotnet", [o.Api, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(o.Api)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__Provider"] = o.Provider.ToString();
        start.Environment["Database__DataFolder"] = dataFolder;
        if (primary is not null) start.Environment["ConnectionStrings__Primary"] = primary;
        start.Environment["RateLimiting__Enabled"] = "false";
        start.Environment["Jobs__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("host: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, Process host)
    {
        var until = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < until)
        {
            if (host.HasExited) throw new InvalidOperationException($"The host exited with {host.ExitCode}.");
            try
            {
                using var response = await http.GetAsync("/api/v1/reference/regions/510100");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet: migrating and seeding the demo data
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("The host did not answer within 5 minutes.");
    }

    private static Task<string> TokenAsync(HttpClient http, string demo) => TokenAsync(http, "demo-" + demo, "demo-secret-" + demo);

    private static async Task<string> TokenAsync(HttpClient http, string clientId, string secret)
    {
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "registry.api",
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("access_token").GetString()!;
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string SqliteConnection(string dataFolder) => ConnectionFactory.DefaultSqlite(dataFolder);

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var root = RepositoryRoot();
        return new Options(
            Enum.Parse<DatabaseProvider>(Value("--provider") ?? "Sqlite", ignoreCase: true),
            Value("--postgres"),
            int.Parse(Value("--samples") ?? "200", CultureInfo.InvariantCulture),
            int.Parse(Value("--seconds") ?? "10", CultureInfo.InvariantCulture),
            (Value("--writers") ?? "1,4,16").Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray(),
            int.Parse(Value("--import-rows") ?? "5000", CultureInfo.InvariantCulture),
            Value("--api") ?? Path.Combine(root, "src", "Registry.Api", "bin", "Release", "net10.0", "Registry.Api.dll"));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Registry.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run from inside the repository (Registry.sln not found).");
    }
}
