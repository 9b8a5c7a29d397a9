using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Api.Hosting;
using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;
using Registry.Application.Common.Projections;
using Registry.Application.Ocds;

namespace Registry.Api.Tests.Ocds;

/// <summary>The demo directory and demands (every state from open to completed), seeded once per provider.</summary>
public sealed class OcdsDemo<TApi> : IAsyncLifetime where TApi : RegistryApi, new()
{
    public TApi Api { get; } = new();

    public async Task InitializeAsync()
    {
        await Api.InitializeAsync();
        await DemoDirectory.SeedAsync(Api.Services, NullLogger.Instance);
        await DemoDemands.SeedAsync(Api.Services, NullLogger.Instance);
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

/// <summary>
/// OCDS open data (docs/one-network.md) over HTTP: every release page and record validates against the official OCDS 1.1
/// schemas; a crawler following the cursor gets every release once, in order; nothing of a bid, not even a count, before the
/// award, and every opened bid's price and time after it. The test host runs the projector on demand: each read here first
/// catches the releases' projection up, as the hosted loop would.
/// </summary>
public abstract class OcdsTests(RegistryApi api)
{
    private Task CatchUpAsync() => api.Services.GetRequiredService<Projector>().CatchUpAsync(OcdsReleaseProjection.ProjectionName, default);

    private sealed record Page(string Body, JsonElement Json)
    {
        public IEnumerable<JsonElement> Releases => Json.GetProperty("releases").EnumerateArray();
    }

    private async Task<Page> PageAsync(string? after, int limit)
    {
        var query = $"/api/v1/ocds/releases?limit={limit}" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
        var response = await api.CreateClient().GetAsync(query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {query}: {(int)response.StatusCode} {body}");
        return new Page(body, JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>Follows the releases from <paramref name="after"/> until a page is caught up: the pages read and where it stopped.</summary>
    private async Task<(List<Page> Pages, string? Next)> FollowAsync(string? after, int limit)
    {
        await CatchUpAsync();
        var pages = new List<Page>();
        while (true)
        {
            var page = await PageAsync(after, limit);
            pages.Add(page);
            after = page.Json.GetProperty("next").GetString()!;
            if (page.Json.GetProperty("caughtUp").GetBoolean()) return (pages, after);
        }
    }

    private static List<string> Ids(IEnumerable<Page> pages) => pages.SelectMany(p => p.Releases).Select(r => r.GetProperty("id").GetString()!).ToList();

    private async Task<(string Body, JsonElement Record)> RecordAsync(string ocid)
    {
        var response = await api.CreateClient().GetAsync($"/api/v1/ocds/records/{Uri.EscapeDataString(ocid)}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"record {ocid}: {(int)response.StatusCode} {body}");
        return (body, JsonDocument.Parse(body).RootElement.GetProperty("records")[0].Clone());
    }

    private async Task<string> OcidAsync(Guid demand) =>
        (await (await api.CreateClient().GetAsync($"/api/v1/demands/{demand}")).SucceededJsonAsync()).GetProperty("ocid").GetString()!;

    private static IEnumerable<string> Tags(JsonElement record) =>
        record.GetProperty("releases").EnumerateArray().Select(r => string.Join('+', r.GetProperty("tag").EnumerateArray().Select(t => t.GetString())));

    [Fact]
    public async Task Every_release_page_and_every_record_of_the_demo_data_validates_against_the_official_OCDS_1_1_schemas()
    {
        var (pages, _) = await FollowAsync(after: null, limit: 7);
        var releasePackage = await OcdsSchema.ReleasePackageAsync();
        var recordPackage = await OcdsSchema.RecordPackageAsync();

        // The package schema wants at least one release: the one page that may hold none is the caught-up end, checked apart.
        foreach (var page in pages.Where(p => p.Releases.Any()))
            Assert.True(OcdsSchema.Errors(releasePackage, page.Body).Count == 0, string.Join("\n", OcdsSchema.Errors(releasePackage, page.Body)) + "\n" + page.Body);
        var ocids = pages.SelectMany(p => p.Releases).Select(r => r.GetProperty("ocid").GetString()!).Distinct().ToList();
        foreach (var ocid in ocids)
        {
            var (body, _) = await RecordAsync(ocid);
            Assert.True(OcdsSchema.Errors(recordPackage, body).Count == 0, string.Join("\n", OcdsSchema.Errors(recordPackage, body)) + "\n" + body);
        }
        // The demo reaches every kind of release: 14 published demands, cancelled, clarified, closed, awarded, completed.
        Assert.True(ocids.Count >= 14, $"only {ocids.Count} contracting processes");
        var tags = pages.SelectMany(p => p.Releases).SelectMany(r => r.GetProperty("tag").EnumerateArray().Select(t => t.GetString())).ToHashSet();
        Assert.Superset(new HashSet<string?> { "tender", "tenderUpdate", "tenderCancellation", "award", "contract", "contractTermination" }, tags);
    }

    [Fact]
    public async Task A_schema_refuses_a_package_that_breaks_it_so_the_validation_can_fail()
    {
        var (pages, _) = await FollowAsync(after: null, limit: 3);
        var broken = pages[0].Body.Replace("\"initiationType\":\"tender\"", "\"initiationType\":\"auction\"", StringComparison.Ordinal);

        Assert.NotEqual(pages[0].Body, broken);
        Assert.NotEmpty(OcdsSchema.Errors(await OcdsSchema.ReleasePackageAsync(), broken));
    }

    [Fact]
    public async Task A_crawler_resuming_from_its_cursor_never_misses_or_repeats_a_release()
    {
        var (first, cursor) = await FollowAsync(after: null, limit: 3);
        var (id, deadline) = await DemandArrange.PublishedAsync(api, "开放数据续读标注");
        var agency = await api.ClientAsAsync("cd.health");
        Assert.True((await agency.PostIfMatchAsync($"/api/v1/demands/{id}/deadline", new { bidDeadline = deadline.AddDays(2) })).IsSuccessStatusCode);
        var (later, _) = await FollowAsync(cursor, limit: 3);
        var (whole, _) = await FollowAsync(after: null, limit: ReadOcdsReleases.MaxLimit);

        var resumed = Ids(first).Concat(Ids(later)).ToList();
        Assert.Equal(Ids(whole), resumed);
        Assert.Equal(resumed.Count, resumed.Distinct().Count());
        var ocid = await OcidAsync(id);
        Assert.Equal([ocid + "-tender", ocid + "-tenderAmendment"],
            later.SelectMany(p => p.Releases).Select(r => r.GetProperty("ocid").GetString() + "-" + r.GetProperty("tag")[0].GetString()));
        // Positions count releases only, one after another, as many as the projection holds.
        await using var connection = await api.Services.GetRequiredService<IConnectionFactory>().OpenPrimaryAsync(default);
        Assert.Equal(await connection.ExecuteScalarAsync<long>("select count(*) from ocds_releases"), resumed.Count);
    }

    [Fact]
    public async Task No_bid_and_no_bid_count_appears_before_the_award_and_every_opened_bid_with_its_price_and_time_does_after()
    {
        decimal[] prices = [81234.56m, 79876.54m];
        var (id, _) = await DemandArrange.PublishedAsync(api, "开放数据投标公开标注");
        var bidIds = new List<string>();
        foreach (var price in prices)
        {
            var bidder = await DemandArrange.BidderAsync(api);
            var receipt = await (await bidder.PutAsync($"/api/v1/demands/{id}/bids/mine", JsonBody.Of(DemandArrange.Bid(price)))).SucceededJsonAsync();
            bidIds.Add(receipt.GetProperty("bidId").GetGuid().ToString());
        }
        var ocid = await OcidAsync(id);
        await CatchUpAsync();
        var (whileOpen, _) = await RecordAsync(ocid);
        await DemandArrange.BackdateAsync(api, "update demands set bid_deadline = @deadline where id = @id", new { id, deadline = DateTimeOffset.UtcNow.AddMinutes(-1) });
        var agency = await api.ClientAsAsync("cd.health");
        await (await (await api.ClientAsAsync("admin")).PostAsync("/api/v1/admin/jobs/demand-closing", JsonBody.Of(new { }))).SucceededJsonAsync();
        var evaluation = await (await agency.PostAsync($"/api/v1/demands/{id}/evaluation", JsonBody.Of(new { }))).SucceededJsonAsync();
        await CatchUpAsync();
        var (closed, _) = await RecordAsync(ocid);

        foreach (var body in new[] { whileOpen, closed })
        {
            Assert.DoesNotContain("\"bids\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain("tenderers", body, StringComparison.Ordinal);
            Assert.DoesNotContain("numberOfTenderers", body, StringComparison.Ordinal);
            foreach (var price in prices) Assert.DoesNotContain(price.ToString(CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
            foreach (var bid in bidIds) Assert.DoesNotContain(bid, body, StringComparison.OrdinalIgnoreCase);
        }

        await (await agency.PostIfMatchAsync($"/api/v1/demands/{id}/award", new { bidId = evaluation.GetProperty("bids")[0].GetProperty("bidId").GetGuid() }))
            .SucceededJsonAsync();
        await CatchUpAsync();
        var (awardedBody, awarded) = await RecordAsync(ocid);

        var releases = awarded.GetProperty("releases").EnumerateArray().ToList();
        Assert.Equal(["tender", "tenderUpdate", "award+contract"], Tags(awarded));
        Assert.All(releases[..^1], r => Assert.False(r.TryGetProperty("bids", out _)));
        var award = releases[^1];
        var details = award.GetProperty("bids").GetProperty("details").EnumerateArray().ToList();
        Assert.Equal(bidIds.Order(), details.Select(d => d.GetProperty("id").GetString()!).Order());
        Assert.Equal(prices.Order(), details.Select(d => d.GetProperty("value").GetProperty("amount").GetDecimal()).Order());
        Assert.All(details, d => Assert.Equal(("valid", "CNY"), (d.GetProperty("status").GetString(), d.GetProperty("value").GetProperty("currency").GetString())));
        Assert.All(details, d => Assert.True(d.GetProperty("date").GetDateTimeOffset() < award.GetProperty("date").GetDateTimeOffset()));
        Assert.Equal(2, award.GetProperty("tender").GetProperty("numberOfTenderers").GetInt32());
        var supplier = award.GetProperty("awards")[0].GetProperty("suppliers")[0].GetProperty("id").GetString();
        var parties = award.GetProperty("parties").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!,
            p => string.Join('+', p.GetProperty("roles").EnumerateArray().Select(r => r.GetString())));
        Assert.Equal("tenderer+supplier", parties[supplier!]);
        Assert.Equal(["buyer+procuringEntity", "tenderer", "tenderer+supplier"], parties.Values.Order());
        Assert.Equal(79876.54m, award.GetProperty("awards")[0].GetProperty("value").GetProperty("amount").GetDecimal());
        Assert.Equal(79876.54m, details.Single(d => d.GetProperty("id").GetString() == award.GetProperty("awards")[0].GetProperty("relatedBid").GetString())
            .GetProperty("value").GetProperty("amount").GetDecimal());
        Assert.Empty(OcdsSchema.Errors(await OcdsSchema.RecordPackageAsync(), awardedBody));
    }

    [Fact]
    public async Task A_demands_record_compiles_its_releases_in_order_and_the_latest_state_is_the_compiled_release()
    {
        var (id, deadline) = await DemandArrange.PublishedAsync(api, "开放数据记录汇编标注");
        var agency = await api.ClientAsAsync("cd.health");
        Assert.True((await agency.PostIfMatchAsync($"/api/v1/demands/{id}/deadline", new { bidDeadline = deadline.AddDays(3) })).IsSuccessStatusCode);
        Assert.True((await agency.PostIfMatchAsync($"/api/v1/demands/{id}/cancel", new { reason = "预算调整" })).IsSuccessStatusCode);
        var ocid = await OcidAsync(id);
        var (pages, _) = await FollowAsync(after: null, limit: ReadOcdsReleases.MaxLimit);

        var (_, record) = await RecordAsync(ocid);

        Assert.Equal(ocid, record.GetProperty("ocid").GetString());
        Assert.Equal(["tender", "tenderAmendment", "tenderCancellation"], Tags(record));
        var inPages = pages.SelectMany(p => p.Releases).Where(r => r.GetProperty("ocid").GetString() == ocid).Select(r => r.GetRawText());
        Assert.Equal(inPages, record.GetProperty("releases").EnumerateArray().Select(r => r.GetRawText()));
        var latest = record.GetProperty("releases").EnumerateArray().Last();
        var compiled = record.GetProperty("compiledRelease");
        Assert.Equal(["compiled"], compiled.GetProperty("tag").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(latest.GetProperty("tender").GetRawText(), compiled.GetProperty("tender").GetRawText());
        Assert.Equal("cancelled", compiled.GetProperty("tender").GetProperty("status").GetString());
        var amendment = compiled.GetProperty("tender").GetProperty("amendments")[0];
        Assert.Equal(record.GetProperty("releases")[0].GetProperty("id").GetString(), amendment.GetProperty("amendsReleaseID").GetString());
        Assert.Equal(deadline.AddDays(3), compiled.GetProperty("tender").GetProperty("tenderPeriod").GetProperty("endDate").GetDateTimeOffset());
        // The first release still tells the tender as it was published.
        Assert.Equal(deadline, record.GetProperty("releases")[0].GetProperty("tender").GetProperty("tenderPeriod").GetProperty("endDate").GetDateTimeOffset());
        Assert.Equal("active", record.GetProperty("releases")[0].GetProperty("tender").GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_amendment_is_a_tender_amendment_and_an_annulled_award_stays_in_the_record_as_cancelled_beside_the_new_one()
    {
        var (id, _) = await DemandArrange.PublishedAsync(api, "开放数据撤销授标");
        var agency = await api.ClientAsAsync("cd.health");
        (await agency.PostIfMatchAsync($"/api/v1/demands/{id}/amendments", new { reason = "补充任务规范", taskSpecification = "新增遮挡目标的标注要求。" }))
            .EnsureSuccessStatusCode();
        var bidder = await DemandArrange.BidderAsync(api);
        (await bidder.PutAsync($"/api/v1/demands/{id}/bids/mine", JsonBody.Of(DemandArrange.Bid()))).EnsureSuccessStatusCode();
        await DemandArrange.BackdateAsync(api, "update demands set bid_deadline = @deadline where id = @id", new { id, deadline = DateTimeOffset.UtcNow.AddMinutes(-1) });
        await (await (await api.ClientAsAsync("admin")).PostAsync("/api/v1/admin/jobs/demand-closing", JsonBody.Of(new { }))).SucceededJsonAsync();
        var bidId = (await (await agency.PostAsync($"/api/v1/demands/{id}/evaluation", JsonBody.Of(new { }))).SucceededJsonAsync())
            .GetProperty("bids")[0].GetProperty("bidId").GetGuid();
        var first = (await (await agency.PostIfMatchAsync($"/api/v1/demands/{id}/award", new { bidId })).SucceededJsonAsync()).GetProperty("number").GetString();
        var challenge = (await (await bidder.PostAsync($"/api/v1/demands/{id}/challenges", JsonBody.Of(new { kind = "result", grounds = "评分有误。" })))
            .SucceededJsonAsync()).GetProperty("id").GetGuid();
        (await agency.PostAsync($"/api/v1/challenges/{challenge}/answer", JsonBody.Of(new { answer = "质疑成立。", upheld = true }))).EnsureSuccessStatusCode();
        (await agency.PostAsync($"/api/v1/demands/{id}/evaluation", JsonBody.Of(new { }))).EnsureSuccessStatusCode();
        var second = await (await agency.PostIfMatchAsync($"/api/v1/demands/{id}/award", new { bidId })).SucceededJsonAsync();
        await DemandArrange.PassPublicityAsync(api, second.GetProperty("id").GetGuid());
        (await agency.PostIfMatchAsync($"/api/v1/contracts/{second.GetProperty("id").GetGuid()}/signature", new { })).EnsureSuccessStatusCode();
        await CatchUpAsync();

        var (body, record) = await RecordAsync(await OcidAsync(id));

        Assert.Equal(["tender", "tenderAmendment", "tenderUpdate", "award+contract", "awardUpdate+contractUpdate", "award+contract", "contract"],
            Tags(record));
        var releases = record.GetProperty("releases").EnumerateArray().ToList();
        Assert.StartsWith("Amendment No. 1 changed taskSpecification", releases[1].GetProperty("tender").GetProperty("amendments")[0]
            .GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("pending", releases[3].GetProperty("contracts")[0].GetProperty("status").GetString());
        Assert.False(releases[3].GetProperty("contracts")[0].TryGetProperty("dateSigned", out _));
        var annulled = releases[4];
        Assert.Equal(("cancelled", "cancelled", first), (annulled.GetProperty("awards")[0].GetProperty("status").GetString(),
            annulled.GetProperty("contracts")[0].GetProperty("status").GetString(), annulled.GetProperty("awards")[0].GetProperty("id").GetString()));
        Assert.Equal("active", annulled.GetProperty("tender").GetProperty("status").GetString());
        var compiled = record.GetProperty("compiledRelease");
        Assert.Equal(["cancelled", "active"], compiled.GetProperty("awards").EnumerateArray().Select(a => a.GetProperty("status").GetString()));
        Assert.Equal(["cancelled", "active"], compiled.GetProperty("contracts").EnumerateArray().Select(c => c.GetProperty("status").GetString()));
        Assert.True(compiled.GetProperty("contracts")[1].TryGetProperty("dateSigned", out _));
        Assert.Empty(OcdsSchema.Errors(await OcdsSchema.RecordPackageAsync(), body));
    }

    [Fact]
    public async Task Rebuilding_the_releases_projection_gives_the_same_releases_with_the_same_ids()
    {
        var (before, _) = await FollowAsync(after: null, limit: ReadOcdsReleases.MaxLimit);
        var admin = await api.ClientAsAsync("admin");
        await (await admin.PostAsync($"/api/v1/admin/projections/{OcdsReleaseProjection.ProjectionName}/rebuild", JsonBody.Of(new { }))).SucceededJsonAsync();

        var (after, _) = await FollowAsync(after: null, limit: ReadOcdsReleases.MaxLimit);

        Assert.NotEmpty(Ids(before));
        Assert.Equal(before.SelectMany(p => p.Releases).Select(r => r.GetRawText()), after.SelectMany(p => p.Releases).Select(r => r.GetRawText()));
    }

    [Fact]
    public async Task A_draft_cancelled_before_publication_has_no_release()
    {
        var agency = await api.ClientAsAsync("cd.health");
        var draft = await (await agency.PostAsync("/api/v1/demands", JsonBody.Of(DemandArrange.Demand("开放数据草稿取消")))).SucceededJsonAsync();
        var id = draft.GetProperty("id").GetGuid();
        var (_, before) = await FollowAsync(after: null, limit: ReadOcdsReleases.MaxLimit);

        Assert.True((await agency.PostIfMatchAsync($"/api/v1/demands/{id}/cancel", new { reason = "不再需要" })).IsSuccessStatusCode);
        var (after, _) = await FollowAsync(before, limit: ReadOcdsReleases.MaxLimit);

        Assert.Empty(after.SelectMany(p => p.Releases));
    }

    [Fact]
    public async Task An_unknown_ocid_is_a_404_problem()
    {
        await (await api.CreateClient().GetAsync("/api/v1/ocds/records/ocds-registry-XQ-1999-000001")).ProblemAsync(404);
    }

    [Theory]
    [InlineData("after=not-a-cursor", "after")]
    [InlineData("after=AQAAAAAAAAAB%3D%3D%3D", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    public async Task A_bad_cursor_or_limit_is_a_400_problem_naming_the_field(string query, string field)
    {
        var problem = await (await api.CreateClient().GetAsync($"/api/v1/ocds/releases?{query}")).ProblemAsync(400);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}

[Trait("Provider", "Sqlite")]
public sealed class OcdsTests_Sqlite(OcdsDemo<SqliteApi> demo) : OcdsTests(demo.Api), IClassFixture<OcdsDemo<SqliteApi>>;

[Trait("Provider", "PostgreSql")]
public sealed class OcdsTests_PostgreSql(OcdsDemo<PostgreSqlApi> demo) : OcdsTests(demo.Api), IClassFixture<OcdsDemo<PostgreSqlApi>>;
