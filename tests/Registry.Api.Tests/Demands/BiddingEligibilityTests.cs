using System.Net;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Enterprises;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Demands;

/// <summary>A bid is refused unless the bidder's stored certificate grade and MLPS level meet what the demand requires.</summary>
public abstract class BiddingEligibilityTests(RegistryApi api)
{
    private async Task<Guid> PublishedAsync(string title, string security, int grade)
    {
        var agency = await api.ClientAsAsync("cd.health");
        var created = await (await agency.PostAsync("/api/v1/demands", JsonBody.Of(DemandArrange.Demand(title, security: security, grade: grade))))
            .JsonAsync();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(security, created.GetProperty("securityLevel").GetString());
        Assert.Equal(grade, created.GetProperty("requiredGrade").GetInt32());
        var published = await agency.PostIfMatchAsync($"/api/v1/demands/{id}/publish", new { });
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        return id;
    }

    /// <summary>A bidder able to do image bounding boxes, certified at the grade, with the MLPS level declared in its profile.</summary>
    private async Task<HttpClient> BidderAsync(int grade, int mlps)
    {
        var (client, _) = await EnterpriseArrange.RegisteredAsync(api, "510100", null, (n, c) => EnterpriseArrange.Profile(n, c, "510100",
            mlps: mlps, capabilities: [new { modality = "image", taskType = "bounding_box" }]));
        await EnterpriseArrange.CertifyAsync(api, client, grade);
        return client;
    }

    private static Task<HttpResponseMessage> BidAsync(HttpClient bidder, Guid demand) =>
        bidder.PutAsync($"/api/v1/demands/{demand}/bids/mine", JsonBody.Of(DemandArrange.Bid()));

    private static async Task AssertNoBidAsync(HttpClient bidder, Guid demand) =>
        Assert.Equal(0, (await (await bidder.GetAsync($"/api/v1/demands/{demand}/bids")).JsonAsync()).GetArrayLength());

    [Fact]
    public async Task Important_data_is_tendered_only_to_bidders_with_MLPS_level_3_or_higher()
    {
        var demand = await PublishedAsync("重要数据影像标注", "important", grade: 1);
        var levelTwo = await BidderAsync(grade: 3, mlps: 2);
        var levelThree = await BidderAsync(grade: 3, mlps: 3);

        var refused = await (await BidAsync(levelTwo, demand)).ProblemAsync(422);
        Assert.Equal("/problems/clearance-too-low", refused.GetProperty("type").GetString());
        await AssertNoBidAsync(levelTwo, demand);

        Assert.Equal(HttpStatusCode.OK, (await BidAsync(levelThree, demand)).StatusCode);
    }

    [Fact]
    public async Task A_demand_requiring_grade_3_refuses_a_grade_2_certificate_and_accepts_grade_3()
    {
        var demand = await PublishedAsync("三级资质影像标注", "general", grade: 3);
        var gradeTwo = await BidderAsync(grade: 2, mlps: 3);
        var gradeThree = await BidderAsync(grade: 3, mlps: 3);

        var refused = await (await BidAsync(gradeTwo, demand)).ProblemAsync(422);
        Assert.Equal("/problems/grade-too-low", refused.GetProperty("type").GetString());
        await AssertNoBidAsync(gradeTwo, demand);

        Assert.Equal(HttpStatusCode.OK, (await BidAsync(gradeThree, demand)).StatusCode);
    }
}

public sealed class BiddingEligibilityTests_Sqlite(SqliteApi api) : BiddingEligibilityTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class BiddingEligibilityTests_PostgreSql(PostgreSqlApi api) : BiddingEligibilityTests(api), IClassFixture<PostgreSqlApi>;
