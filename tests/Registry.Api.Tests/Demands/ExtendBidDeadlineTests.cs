using Registry.Api.Tests.Access;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Demands;

/// <summary>A deadline moves later only while bidding is open, and never onto or past the delivery due date.</summary>
public abstract class ExtendBidDeadlineTests(RegistryApi api)
{
    private static Task<HttpResponseMessage> ExtendAsync(HttpClient agency, Guid demand, DateTimeOffset deadline) =>
        agency.PostIfMatchAsync($"/api/v1/demands/{demand}/deadline", new { bidDeadline = deadline });

    [Fact]
    public async Task A_deadline_that_has_passed_cannot_be_extended_even_before_the_closing_job_runs()
    {
        var (demand, deadline) = await DemandArrange.PublishedAsync(api, "成都市截止后延期拉框标注");
        await using var later = DemandArrange.At(api, deadline.AddMinutes(1));
        var agency = await DemandArrange.DemoClientAsync(later, "cd.health");

        var refused = await ExtendAsync(agency, demand, deadline.AddDays(3));

        await refused.ProblemAsync(409);
        var stored = await (await later.CreateClient().GetAsync($"/api/v1/demands/{demand}")).JsonAsync();
        Assert.Equal(deadline, stored.GetProperty("bidDeadline").GetDateTimeOffset());
        Assert.Equal("open", stored.GetProperty("status").GetString());
        // Bidding did not reopen: a certified, capable bidder is still turned away.
        var lateBidder = await (await DemandArrange.BidderPartyAsync(api)).On(later);
        var bid = await lateBidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid()));
        Assert.Equal("/problems/bidding-closed", (await bid.ProblemAsync(422)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_new_deadline_must_stay_before_the_delivery_due_date()
    {
        var (demand, deadline) = await DemandArrange.PublishedAsync(api, "成都市延期越过交付日拉框标注");
        var agency = await api.ClientAsAsync("cd.health");

        var refused = await ExtendAsync(agency, demand, DateTimeOffset.UtcNow.AddDays(45));

        Assert.Equal("/problems/due-date-before-deadline", (await refused.ProblemAsync(422)).GetProperty("type").GetString());
        var stored = await (await agency.GetAsync($"/api/v1/demands/{demand}")).JsonAsync();
        Assert.Equal(deadline, stored.GetProperty("bidDeadline").GetDateTimeOffset());
    }
}

public sealed class ExtendBidDeadlineTests_Sqlite(SqliteApi api) : ExtendBidDeadlineTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class ExtendBidDeadlineTests_PostgreSql(PostgreSqlApi api) : ExtendBidDeadlineTests(api), IClassFixture<PostgreSqlApi>;
