using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Catalog;
using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;
using Registry.Application.Common.Projections;
using Registry.Application.Feed;
using Registry.Domain.Events;

namespace Registry.Api.Tests.Feed;

/// <summary>
/// The change feed (docs/one-network.md) over HTTP: public events only, in commit order; a reader that follows the cursor
/// while writers commit gets every public event once, in order; long polling answers when something commits; bids move
/// nothing a reader sees. The test host runs the projector on demand: each read here first catches the feed's projection up,
/// as the hosted loop would.
/// </summary>
public abstract class FeedTests(RegistryApi api)
{
    private static readonly HashSet<string> PublicTypes = DomainEventTypes.All.Where(d => d.Public).Select(d => d.Name).ToHashSet();

    private sealed record Seen(long Position, string Type, string EntityId);

    private static long PositionOf(string cursor, string? region = null) =>
        FeedCursor.TryRead(cursor, out var position, region) ? position : throw new InvalidOperationException(cursor);

    private Task CatchUpAsync() => api.Services.GetRequiredService<Projector>().CatchUpAsync(PublicFeedProjection.ProjectionName, default);

    private async Task<JsonElement> PageAsync(HttpClient client, string? after, int limit = 100, int wait = 0, string? region = null)
    {
        var query = $"/api/v1/feed?limit={limit}&wait={wait}" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}")
            + (region is null ? "" : $"&region={region}");
        return await (await client.GetAsync(query)).SucceededJsonAsync();
    }

    /// <summary>Follows the feed from <paramref name="after"/> until a page is caught up; the items seen and where it stopped.</summary>
    private async Task<(List<Seen> Items, string Next)> FollowAsync(HttpClient client, string? after, int limit = 100, string? region = null)
    {
        var items = new List<Seen>();
        await CatchUpAsync();
        while (true)
        {
            var page = await PageAsync(client, after, limit, region: region);
            foreach (var item in page.GetProperty("items").EnumerateArray())
                items.Add(new Seen(PositionOf(item.GetProperty("cursor").GetString()!, region), item.GetProperty("type").GetString()!, item.GetProperty("entityId").GetString()!));
            after = page.GetProperty("next").GetString()!;
            if (page.GetProperty("caughtUp").GetBoolean()) return (items, after);
        }
    }

    /// <summary>The public events the outbox holds after sequence <paramref name="after"/>, in sequence order, read straight from the outbox.</summary>
    private async Task<List<(string Type, string EntityId)>> PublicEventsAfterAsync(long after)
    {
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        var rows = await connection.QueryAsync<(long Seq, string Type, string EntityId)>(
            "select seq, type, entity_id from outbox where seq > @after order by seq", new { after });
        return rows.Where(r => PublicTypes.Contains(r.Type)).Select(r => (r.Type, r.EntityId)).ToList();
    }

    private async Task<long> OutboxHeadAsync()
    {
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        return await connection.ExecuteScalarAsync<long>("select coalesce(max(seq), 0) from outbox");
    }

    private static void AssertNumberedFrom(long start, List<Seen> items) =>
        Assert.Equal(Enumerable.Range(1, items.Count).Select(i => start + i), items.Select(i => i.Position));

    [Fact]
    public async Task Anyone_reads_the_public_events_in_commit_order_and_never_a_bid_or_a_draft()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "变更流公开事件");
        var bidder = await DemandArrange.BidderAsync(api);
        var bid = await bidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid()));
        Assert.True(bid.IsSuccessStatusCode, await bid.Content.ReadAsStringAsync());

        var (items, _) = await FollowAsync(api.CreateClient(), after: null, limit: 37);

        Assert.Equal(await PublicEventsAfterAsync(0), items.Select(i => (i.Type, i.EntityId)));
        Assert.Contains(items, i => i.Type == "demand.published" && i.EntityId == demand.ToString());
        Assert.DoesNotContain(items, i => i.Type.StartsWith("bid.", StringComparison.Ordinal) || i.Type == "demand.created");
        AssertNumberedFrom(0, items);
    }

    [Fact]
    public async Task Bids_move_neither_the_items_nor_the_cursor_a_reader_sees()
    {
        var (demand, _) = await DemandArrange.PublishedAsync(api, "变更流投标不可见");
        var bidder = await DemandArrange.BidderAsync(api);
        var reader = api.CreateClient();
        var (before, beforeNext) = await FollowAsync(reader, after: null);

        var bid = await bidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid()));
        Assert.True(bid.IsSuccessStatusCode, await bid.Content.ReadAsStringAsync());
        var (after, afterNext) = await FollowAsync(reader, after: null);

        Assert.True(await OutboxHeadAsync() > 0);
        Assert.Equal(before, after);
        Assert.Equal(beforeNext, afterNext);
        Assert.Empty((await PageAsync(reader, beforeNext)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_reader_following_the_cursor_while_eight_writers_commit_gets_every_public_event_once_and_in_order()
    {
        var reader = api.CreateClient();
        var (_, start) = await FollowAsync(reader, after: null);
        var (_, sliceStart) = await FollowAsync(reader, after: null, region: "510000");
        var startSeq = await OutboxHeadAsync();
        var sichuan = new System.Collections.Concurrent.ConcurrentBag<string>();
        // Four writers in Chengdu (Sichuan), four in Hefei (Anhui): a regional reader follows Sichuan's slice alongside.
        var writing = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 3; i++)
            {
                var (agency, region) = w < 4 ? ("cd.health", "510100") : ("hf.transport", "340100");
                var id = await CatalogArrange.PublishedAsync(api, agency, $"并发变更流数据集 {w}-{i}", region: region);
                if (w < 4) sichuan.Add(id.ToString());
            }
        })).ToList();

        var (seen, sliceSeen) = (new List<Seen>(), new List<Seen>());
        var (after, sliceAfter) = (start, sliceStart);
        while (true)
        {
            // Small pages, so the readers interleave with the writers' commits.
            var done = writing.All(t => t.IsCompleted);
            var (items, next) = await FollowAsync(reader, after, limit: 3);
            seen.AddRange(items);
            after = next;
            var (sliceItems, sliceNext) = await FollowAsync(reader, sliceAfter, limit: 2, region: "510000");
            sliceSeen.AddRange(sliceItems);
            sliceAfter = sliceNext;
            if (done) break;
        }
        await Task.WhenAll(writing);

        seen.AddRange((await FollowAsync(reader, after)).Items);
        sliceSeen.AddRange((await FollowAsync(reader, sliceAfter, region: "510000")).Items);

        Assert.Equal(await PublicEventsAfterAsync(startSeq), seen.Select(s => (s.Type, s.EntityId)));
        Assert.Equal(24, seen.Count(s => s.Type == "catalog.published"));
        AssertNumberedFrom(PositionOf(start), seen);
        Assert.Equal(seen.Where(s => sichuan.Contains(s.EntityId)).Select(s => (s.Type, s.EntityId)), sliceSeen.Select(s => (s.Type, s.EntityId)));
        Assert.Equal(12, sliceSeen.Count);
        AssertNumberedFrom(PositionOf(sliceStart, "510000"), sliceSeen);
    }

    [Fact]
    public async Task A_long_poll_on_a_slice_sleeps_through_another_regions_event_and_answers_with_its_own()
    {
        var reader = api.CreateClient();
        var (_, head) = await FollowAsync(reader, after: null, region: "510000");

        var waiting = PageAsync(reader, head, wait: 20, region: "510000");
        await CatalogArrange.PublishedAsync(api, "hf.transport", "合肥市长轮询数据集", region: "340100");
        await CatchUpAsync();
        await Task.Delay(FeedWatch.Interval * 3);
        Assert.False(waiting.IsCompleted);
        var entry = await CatalogArrange.PublishedAsync(api, "cd.health", "成都市长轮询数据集");
        await CatchUpAsync();
        var answered = await waiting;

        var items = answered.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("type").GetString() == "catalog.published" && i.GetProperty("entityId").GetString() == entry.ToString());
        Assert.Equal(PositionOf(head, "510000") + 1, PositionOf(items[0].GetProperty("cursor").GetString()!, "510000"));
    }

    [Fact]
    public async Task A_city_slice_holds_its_citys_events_and_a_cursor_of_one_slice_is_refused_by_another_and_by_the_whole_feed()
    {
        var reader = api.CreateClient();
        var (_, chengduStart) = await FollowAsync(reader, after: null, region: "510100");
        var (_, anhuiStart) = await FollowAsync(reader, after: null, region: "340000");
        var chengdu = await CatalogArrange.PublishedAsync(api, "cd.health", "成都市分片数据集", region: "510100");
        var hefei = await CatalogArrange.PublishedAsync(api, "hf.transport", "合肥市分片数据集", region: "340100");

        var (chengduItems, chengduNext) = await FollowAsync(reader, chengduStart, region: "510100");
        var (anhuiItems, _) = await FollowAsync(reader, anhuiStart, region: "340000");

        Assert.Equal([chengdu.ToString()], chengduItems.Where(i => i.Type == "catalog.published").Select(i => i.EntityId));
        Assert.Equal([hefei.ToString()], anhuiItems.Where(i => i.Type == "catalog.published").Select(i => i.EntityId));
        foreach (var query in new[] { $"region=340000&after={chengduNext}", $"region=510000&after={chengduNext}", $"after={chengduNext}" })
        {
            var problem = await (await reader.GetAsync("/api/v1/feed?" + query)).ProblemAsync(400);
            Assert.True(problem.GetProperty("errors").TryGetProperty("after", out _), query + ": " + problem);
        }
        foreach (var region in new[] { "999999", "000000", "51", "510107" })
        {
            var problem = await (await reader.GetAsync("/api/v1/feed?region=" + region)).ProblemAsync(400);
            Assert.True(problem.GetProperty("errors").TryGetProperty("region", out _), region + ": " + problem);
        }
    }

    [Fact]
    public async Task A_long_poll_answers_with_the_event_committed_while_it_waits_and_an_idle_one_answers_empty_at_the_same_cursor()
    {
        var reader = api.CreateClient();
        var (_, head) = await FollowAsync(reader, after: null);

        var idle = await PageAsync(reader, head, wait: 1);
        Assert.Empty(idle.GetProperty("items").EnumerateArray());
        Assert.True(idle.GetProperty("caughtUp").GetBoolean());

        var waiting = PageAsync(reader, head, wait: 20);
        var entry = await CatalogArrange.PublishedAsync(api, "cd.health", "长轮询数据集");
        var (later, _) = await FollowAsync(reader, head);
        var answered = await waiting;

        Assert.Contains(later, s => s.Type == "catalog.published" && s.EntityId == entry.ToString());
        // The long poll answered with what was projected when it woke: the start of what a plain read sees now.
        var first = answered.GetProperty("items").EnumerateArray().Select(i => PositionOf(i.GetProperty("cursor").GetString()!)).ToList();
        Assert.NotEmpty(first);
        Assert.Equal(later.Select(s => s.Position).Take(first.Count), first);
    }

    [Theory]
    [InlineData("after=not-a-cursor", "after")]
    [InlineData("after=AQAAAAAAAAAB%3D%3D%3D", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("wait=31", "wait")]
    [InlineData("wait=-1", "wait")]
    public async Task A_bad_cursor_limit_or_wait_is_a_400_naming_the_field(string query, string field)
    {
        var problem = await (await api.CreateClient().GetAsync($"/api/v1/feed?{query}")).ProblemAsync(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public void A_cursor_is_read_back_as_the_sequence_it_was_made_of_and_nothing_else_is()
    {
        foreach (var seq in new long[] { 0, 1, 255, 1L << 40, long.MaxValue })
        {
            Assert.True(FeedCursor.TryRead(FeedCursor.Of(seq), out var read));
            Assert.Equal(seq, read);
        }
        Assert.False(FeedCursor.TryRead("MTIz", out _));
        Assert.False(FeedCursor.TryRead(FeedCursor.Of(5)[..^1], out _));
    }
}

[Trait("Provider", "Sqlite")]
public sealed class FeedTests_Sqlite(SqliteApi api) : FeedTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class FeedTests_PostgreSql(PostgreSqlApi api) : FeedTests(api), IClassFixture<PostgreSqlApi>;
