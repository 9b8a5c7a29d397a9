using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Demands;

/// <summary>
/// Sealed means sealed: while bidding is open, every readable endpoint of the API answers anonymous callers, a competing
/// enterprise, the demand's agency and its regulator exactly as it did before anyone bid, and no answer carries a bid's
/// price, summary or id; nor does any answer tell anyone but the agency, its regulator and each invitee (its own invitation)
/// whom the agency invited to bid (Bidding Law art. 22: potential bidders are not disclosed). The endpoints are enumerated
/// from the host's routes, so a new one is probed without being listed.
/// </summary>
public abstract class SealedBidProbeTests(RegistryApi api)
{
    private const string Marker = "SEALEDPROBE";
    private static readonly decimal[] Prices = [87654.32m, 76543.21m];

    [Fact]
    public async Task While_bidding_is_open_no_endpoint_reveals_anything_derived_from_the_bids()
    {
        await using var host = api.WithWebHostBuilder(b => b.UseSetting("RateLimiting:Enabled", "false"));
        var (demand, _) = await DemandArrange.PublishedAsync(api, "成都市封闭投标探测标注");
        var bidders = new[] { await DemandArrange.BidderPartyAsync(api), await DemandArrange.BidderPartyAsync(api) };
        var competitor = await DemandArrange.BidderPartyAsync(api);
        var readers = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = host.CreateClient(),
            ["competitor"] = await competitor.On(host),
            ["agency"] = await DemandArrange.DemoClientAsync(host, "cd.health"),
            ["regulator"] = await DemandArrange.DemoClientAsync(host, "sichuan"),
        };
        var ids = new[] { demand, bidders[0].Id, bidders[1].Id };
        var paths = ReadablePaths(host, ids);
        Assert.True(paths.Count > 20, $"Only {paths.Count} readable paths were found: {string.Join(", ", paths)}");

        var before = await ReadAllAsync(readers, paths);
        var bidIds = new List<string>();
        for (var i = 0; i < bidders.Length; i++)
        {
            var bidder = await bidders[i].On(host);
            var bid = await bidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(new
            {
                price = Prices[i], deliveryDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)), accuracy = 0.97m, teamSize = 20,
                technicalSummary = $"{Marker}{i} 双人交叉复核",
            }));
            var receipt = await bid.JsonAsync();
            Assert.True(bid.IsSuccessStatusCode, receipt.ToString());
            bidIds.Add(receipt.GetProperty("bidId").GetGuid().ToString());
        }
        var after = await ReadAllAsync(readers, paths);

        foreach (var (key, body) in after)
        {
            Assert.DoesNotContain(Marker, body, StringComparison.Ordinal);
            foreach (var price in Prices) Assert.DoesNotContain(price.ToString(System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
            foreach (var bidId in bidIds) Assert.DoesNotContain(bidId, body, StringComparison.OrdinalIgnoreCase);
            // The audit report counts every command of the platform; it names no bid, so only its content is checked above.
            if (key.Contains("/api/v1/audit/", StringComparison.Ordinal)) continue;
            Assert.True(before[key] == body, $"{key} changed when bids were made:\nbefore: {before[key]}\nafter:  {body}");
        }
    }

    [Fact]
    public async Task While_bidding_is_open_no_endpoint_reveals_whom_the_agency_invited_except_to_the_agency_its_regulator_and_each_invitee_its_own()
    {
        await using var host = api.WithWebHostBuilder(b => b.UseSetting("RateLimiting:Enabled", "false"));
        var (demand, _) = await DemandArrange.PublishedAsync(api, "成都市封闭邀请探测标注");
        var invitees = new[] { await DemandArrange.BidderPartyAsync(api), await DemandArrange.BidderPartyAsync(api) };
        var readers = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = host.CreateClient(),
            ["competitor"] = await (await DemandArrange.BidderPartyAsync(api)).On(host),
            ["invitee"] = await invitees[0].On(host),
        };
        var paths = ReadablePaths(host, [demand, invitees[0].Id, invitees[1].Id]);
        Assert.Contains($"/api/v1/demands/{demand}/invitations", paths);
        Assert.Contains("/api/v1/invitations/mine", paths);

        var before = await ReadAllAsync(readers, paths);
        var agency = await DemandArrange.DemoClientAsync(host, "cd.health");
        var sent = await (await agency.PostAsync($"/api/v1/demands/{demand}/invitations",
            JsonBody.Of(new { enterpriseIds = invitees.Select(i => i.Id), message = Marker + " 邀请" }))).SucceededJsonAsync();
        var invitationIds = sent.GetProperty("invitations").EnumerateArray().Select(i => i.GetProperty("id").GetGuid().ToString()).ToList();
        var after = await ReadAllAsync(readers, paths);

        // What the probe looks for is there for those entitled: the agency and the regulator of its region see both invitations.
        foreach (var entitled in new[] { agency, await DemandArrange.DemoClientAsync(host, "sichuan") })
        {
            var list = await (await entitled.GetAsync($"/api/v1/demands/{demand}/invitations")).SucceededJsonAsync();
            Assert.Equal(invitationIds, list.EnumerateArray().Select(i => i.GetProperty("id").GetGuid().ToString()));
        }
        foreach (var (key, body) in after)
        {
            if (key.StartsWith("invitee GET /api/v1/invitations/mine", StringComparison.Ordinal))
            {
                Assert.Contains(invitationIds[0], body, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(invitationIds[1], body, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(invitees[1].Id.ToString(), body, StringComparison.OrdinalIgnoreCase);
                continue;
            }
            Assert.DoesNotContain(Marker, body, StringComparison.Ordinal);
            foreach (var invitationId in invitationIds) Assert.DoesNotContain(invitationId, body, StringComparison.OrdinalIgnoreCase);
            if (key.Contains("/api/v1/audit/", StringComparison.Ordinal)) continue;
            Assert.True(before[key] == body, $"{key} changed when enterprises were invited:\nbefore: {before[key]}\nafter:  {body}");
        }
    }

    [Fact]
    public async Task The_bid_count_is_hidden_while_bidding_is_open_and_shown_once_bidding_has_closed()
    {
        var (demand, deadline) = await DemandArrange.PublishedAsync(api, "成都市投标数量保密标注");
        var bidder = await DemandArrange.BidderAsync(api);
        Assert.True((await bidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid()))).IsSuccessStatusCode);

        var open = await (await api.CreateClient().GetAsync($"/api/v1/demands/{demand}")).JsonAsync();
        Assert.Equal(JsonValueKind.Null, open.GetProperty("bidCount").ValueKind);
        var sealedAnswer = await (await (await api.ClientAsAsync("cd.health")).GetAsync($"/api/v1/demands/{demand}/bids")).ProblemAsync(403);
        Assert.DoesNotContain("1 bid", sealedAnswer.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await using var later = DemandArrange.At(api, deadline.AddMinutes(1));
        await (await DemandArrange.DemoClientAsync(later, "admin")).PostAsync("/api/v1/admin/jobs/demand-closing", JsonBody.Of(new { }));
        var closed = await (await later.CreateClient().GetAsync($"/api/v1/demands/{demand}")).JsonAsync();
        Assert.Equal(1, closed.GetProperty("bidCount").GetInt32());
    }

    /// <summary>Every GET route of the API, with each route parameter filled by each of the given ids.</summary>
    private static List<string> ReadablePaths(WebApplicationFactory<Program> host, Guid[] ids)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [];
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (!methods.Contains("GET") || !pattern.StartsWith("/api/v1/", StringComparison.Ordinal)) continue;
            if (endpoint.RoutePattern.Parameters.Count == 0)
            {
                paths.Add(pattern);
                continue;
            }
            foreach (var id in ids)
            {
                var path = endpoint.RoutePattern.Parameters.Aggregate(pattern, (p, parameter) =>
                    System.Text.RegularExpressions.Regex.Replace(p, "\\{" + parameter.Name + "[^}]*\\}",
                        parameter.ParameterPolicies.Any(x => x.Content == "guid") || parameter.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase)
                            ? id.ToString() : "510100"));
                paths.Add(path);
            }
        }
        return [.. paths];
    }

    private static async Task<Dictionary<string, string>> ReadAllAsync(Dictionary<string, HttpClient> readers, List<string> paths)
    {
        var bodies = new Dictionary<string, string>();
        foreach (var (reader, client) in readers)
        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            bodies[$"{reader} GET {path}"] = $"{(int)response.StatusCode} {Normalized(await response.Content.ReadAsStringAsync())}";
        }
        return bodies;
    }

    /// <summary>
    /// The body without what differs by design: trace ids, and a matching answer's <c>asOf</c>, the platform-wide outbox
    /// position that every commit anywhere moves (like the audit report's counts, it names no demand and no bid); the
    /// matches themselves are compared.
    /// </summary>
    private static string Normalized(string body)
    {
        if (body.Length == 0 || (body[0] != '{' && body[0] != '[')) return body;
        var node = JsonNode.Parse(body);
        if (node is JsonObject answer)
        {
            answer.Remove("traceId");
            answer.Remove("asOf");
        }
        return node?.ToJsonString() ?? body;
    }
}

public sealed class SealedBidProbeTests_Sqlite(SqliteApi api) : SealedBidProbeTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class SealedBidProbeTests_PostgreSql(PostgreSqlApi api) : SealedBidProbeTests(api), IClassFixture<PostgreSqlApi>;
