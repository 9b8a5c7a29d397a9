using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.GeneratedClient;

/// <summary>
/// An integrator's view: the bid scenario through the client NSwag generates from the document (RegistryClient.g.cs), its
/// types and methods only, with real bearer tokens from client credentials.
/// </summary>
public abstract class GeneratedClientTests(RegistryApi api)
{
    private static CreateDemand Demand(string title) => new()
    {
        Title = title, Description = title + "：标注需求", TaskSpecification = "对每张图像中的车辆拉框，框线贴合目标边缘。",
        PositiveExamples = ["完整车辆拉框"], NegativeExamples = ["框住阴影"], Domain = CreateDemandDomain.Transport,
        Modality = CreateDemandModality.Image, TaskTypes = [TaskTypes6.Bounding_box], Volume = 50000, VolumeUnit = CreateDemandVolumeUnit.Images,
        MinimumAccuracy = 0.95, BudgetCeiling = 100000, RequiredGrade = 1, SecurityLevel = CreateDemandSecurityLevel.General, RegionCode = "510100",
        Evaluation = new EvaluationMethod { Kind = EvaluationMethodKind.Lowest_price, PriceWeight = 100, TechnicalWeight = 0, QualityWeight = 0 },
        BidDeadline = DateTimeOffset.UtcNow.AddDays(8),
        DueDate = DateTimeOffset.UtcNow.AddDays(40), MinimumEligibleBids = 1,
    };

    [Fact]
    public async Task An_agency_publishes_an_enterprise_bids_and_reads_its_own_bid_while_the_agency_sees_neither_the_bids_nor_their_count()
    {
        var agency = new RegistryClient(await api.ClientAsAsync("cd.health"));
        var draft = await agency.CreateDemandAsync(Demand("生成客户端的密封竞价"));
        var published = await agency.PublishDemandAsync(draft.Id, if_Match: $"\"{draft.RowVersion}\"");
        Assert.Equal(DemandViewStatus.Open, published.Status);

        var enterprise = new RegistryClient(await DemandArrange.BidderAsync(api));
        var receipt = await enterprise.SubmitBidAsync(published.Id, body: new BidBody
        {
            Price = 80000, DeliveryDate = DateTimeOffset.UtcNow.AddDays(30), Accuracy = 0.97, TeamSize = 20, TechnicalSummary = "双人交叉复核，抽检率10%",
        });
        var own = Assert.Single(await enterprise.ListDemandBidsAsync(published.Id));
        Assert.Equal(receipt.BidId, own.Id);
        Assert.Equal(80000, own.Price);

        // Sealed: until the deadline the agency learns neither the bids nor how many there are.
        Assert.Null((await agency.GetDemandAsync(published.Id)).BidCount);
        var sealedBids = await Assert.ThrowsAnyAsync<ApiException>(() => agency.ListDemandBidsAsync(published.Id));
        Assert.Equal(403, sealedBids.StatusCode);
    }
}

public sealed class GeneratedClientTests_Sqlite(SqliteApi api) : GeneratedClientTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class GeneratedClientTests_PostgreSql(PostgreSqlApi api) : GeneratedClientTests(api), IClassFixture<PostgreSqlApi>;
