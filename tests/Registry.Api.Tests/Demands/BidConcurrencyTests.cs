using System.Net;
using Dapper;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;

namespace Registry.Api.Tests.Demands;

public abstract class BidConcurrencyTests(RegistryApi api)
{
    private async Task<int> StoredBidsAsync(Guid demand)
    {
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        var dialect = api.Services.GetRequiredService<IConnectionFactory>().Dialect;
        var id = dialect.Name == "Sqlite" ? (object)demand.ToString("D") : demand;
        return await connection.ExecuteScalarAsync<int>("select count(*) from bids where demand_id = @id and status = 'live'", new { id });
    }

    [Fact]
    public async Task The_same_enterprise_racing_itself_keeps_exactly_one_live_bid()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "并发投标测试");
        var bidder = await DemandArrange.BidderAsync(api);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            bidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid(price: 70000m + i)))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await StoredBidsAsync(demand));
        var mine = await (await bidder.GetAsync($"/api/v1/demands/{demand}/bids")).JsonAsync();
        Assert.Equal(1, mine.GetArrayLength());
    }

    [Fact]
    public async Task Bids_racing_the_deadline_are_stored_exactly_when_acknowledged()
    {
        var (demand, deadline) = await DemandArrange.PublishedAsync(api, "截止时刻竞速测试");
        var bidders = new List<(string ClientId, string Secret)>();
        for (var i = 0; i < 50; i++) bidders.Add(await SecretBidderAsync());

        var clock = new TestClock(deadline.AddSeconds(-1));
        var held = new int[1];
        await using var host = api.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddScoped<IWriteDb>(p => new DeadlinePassesAfterTenBids(p.GetRequiredService<WriteSession>(), clock, deadline, held));
        }));
        var clients = new List<HttpClient>();
        foreach (var (clientId, secret) in bidders) clients.Add(await DemandArrange.ClientAsync(host, clientId, secret));

        // The deadline passes while the bids are in flight: once ten bids hold the demand, the clock reaches it.
        var responses = await Task.WhenAll(clients.Select(c => Task.Run(() => c.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid())))));

        var acknowledged = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, r.StatusCode.ToString()));
        Assert.True(acknowledged >= 10 && acknowledged < responses.Length, $"the deadline should pass during the race ({acknowledged} acknowledged)");
        Assert.Equal(acknowledged, await StoredBidsAsync(demand));
    }

    /// <summary>
    /// The write model with one change: the clock reaches the deadline as soon as ten bids have locked the open demand's row, so
    /// the deadline passes in the middle of the race whatever the speed of the machine.
    /// </summary>
    private sealed class DeadlinePassesAfterTenBids(WriteSession inner, TestClock clock, DateTimeOffset deadline, int[] held) : IWriteDb
    {
        public ISqlDialect Dialect => inner.Dialect;

        public async Task<int> ExecuteAsync(Sql sql, object? param, CancellationToken ct)
        {
            var written = await inner.ExecuteAsync(sql, param, ct);
            if (written > 0 && sql.For(inner.Dialect).TrimStart().StartsWith("update demands set status = status", StringComparison.Ordinal)
                && Interlocked.Increment(ref held[0]) == 11)
                clock.Set(deadline);
            return written;
        }

        public Task<IReadOnlyList<T>> QueryAsync<T>(Sql sql, object? param, CancellationToken ct) => inner.QueryAsync<T>(sql, param, ct);

        public Task<T?> QuerySingleOrDefaultAsync<T>(Sql sql, object? param, CancellationToken ct) => inner.QuerySingleOrDefaultAsync<T>(sql, param, ct);

        public Task<T?> ScalarAsync<T>(Sql sql, object? param, CancellationToken ct) => inner.ScalarAsync<T>(sql, param, ct);

        public Task<T> SavepointAsync<T>(Func<Task<T>> work, CancellationToken ct) => inner.SavepointAsync(work, ct);
    }

    /// <summary>
    /// The write model with one change: just before a bid is written, the demand's stored deadline is moved behind the host's clock
    /// (in the command's own transaction), as if the deadline passed between the handler's check and its write.
    /// </summary>
    private sealed class DeadlinePassesBeforeTheWrite(WriteSession inner, Guid demandId, DateTimeOffset passedDeadline) : IWriteDb
    {
        private static readonly Sql MoveSql = new("update demands set bid_deadline = @deadline where id = @demandId");

        public ISqlDialect Dialect => inner.Dialect;

        public async Task<int> ExecuteAsync(Sql sql, object? param, CancellationToken ct)
        {
            var text = sql.For(inner.Dialect).TrimStart();
            if (text.StartsWith("insert into bids", StringComparison.Ordinal) || text.StartsWith("update bids set price", StringComparison.Ordinal))
                await inner.ExecuteAsync(MoveSql, new { demandId, deadline = passedDeadline }, ct);
            return await inner.ExecuteAsync(sql, param, ct);
        }

        public Task<IReadOnlyList<T>> QueryAsync<T>(Sql sql, object? param, CancellationToken ct) => inner.QueryAsync<T>(sql, param, ct);

        public Task<T?> QuerySingleOrDefaultAsync<T>(Sql sql, object? param, CancellationToken ct) => inner.QuerySingleOrDefaultAsync<T>(sql, param, ct);

        public Task<T?> ScalarAsync<T>(Sql sql, object? param, CancellationToken ct) => inner.ScalarAsync<T>(sql, param, ct);

        public Task<T> SavepointAsync<T>(Func<Task<T>> work, CancellationToken ct) => inner.SavepointAsync(work, ct);
    }

    [Fact]
    public async Task The_bid_write_itself_refuses_a_bid_once_the_stored_deadline_has_passed()
    {
        var (demand, deadline) = await DemandArrange.PublishedAsync(api, "写入时截止测试");
        var standing = await DemandArrange.BidderPartyAsync(api);
        var newcomer = await DemandArrange.BidderPartyAsync(api);
        Assert.Equal(HttpStatusCode.OK, (await (await standing.On(api)).PutAsync($"/api/v1/demands/{demand}/bids/mine",
            JsonBody.Of(DemandArrange.Bid(price: 80000m)))).StatusCode);

        // The handler reads an open demand whose deadline lies ahead of its clock; the write finds it passed.
        var now = deadline.AddHours(-1);
        await using var host = api.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(new TestClock(now));
            s.AddScoped<IWriteDb>(p => new DeadlinePassesBeforeTheWrite(p.GetRequiredService<WriteSession>(), demand, now.AddMinutes(-1)));
        }));

        var replaced = await (await standing.On(host)).PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid(price: 60000m)));
        Assert.Equal("/problems/bidding-closed", (await replaced.ProblemAsync(422)).GetProperty("type").GetString());
        var inserted = await (await newcomer.On(host)).PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid()));
        Assert.Equal("/problems/bidding-closed", (await inserted.ProblemAsync(422)).GetProperty("type").GetString());

        Assert.Equal(1, await StoredBidsAsync(demand));
        var kept = await (await (await standing.On(api)).GetAsync($"/api/v1/demands/{demand}/bids")).JsonAsync();
        Assert.Equal(80000m, kept[0].GetProperty("price").GetDecimal());
        var stored = await (await api.CreateClient().GetAsync($"/api/v1/demands/{demand}")).JsonAsync();
        Assert.Equal(deadline, stored.GetProperty("bidDeadline").GetDateTimeOffset());
    }

    /// <summary>A certified bidder and its client credentials, usable against any host of the same database.</summary>
    private async Task<(string, string)> SecretBidderAsync()
    {
        var admin = await api.ClientAsAsync("admin");
        var (bidder, organizationId) = await Enterprises.EnterpriseArrange.RegisteredAsync(api, "510100", null, (n, c) =>
            Enterprises.EnterpriseArrange.Profile(n, c, "510100", capabilities: [new { modality = "image", taskType = "bounding_box" }]));
        await Enterprises.EnterpriseArrange.CertifyAsync(api, bidder, grade: 3);
        var client = await (await admin.PostAsync("/api/v1/admin/clients", JsonBody.Of(new { organizationId, displayName = "竞速" }))).JsonAsync();
        return (client.GetProperty("clientId").GetString()!, client.GetProperty("clientSecret").GetString()!);
    }
}

public sealed class BidConcurrencyTests_Sqlite(SqliteApi api) : BidConcurrencyTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class BidConcurrencyTests_PostgreSql(PostgreSqlApi api) : BidConcurrencyTests(api), IClassFixture<PostgreSqlApi>;
