using Registry.Domain.Access;
using Registry.Domain.Demands;

namespace Registry.Domain.Tests.Access;

public sealed class VisibilityTests
{
    private static readonly Guid Owner = Guid.CreateVersion7();
    private static readonly Guid Other = Guid.CreateVersion7();
    private static readonly Guid Enterprise = Guid.CreateVersion7();
    private const string Chengdu = "510100";

    private static readonly Dictionary<string, Viewer> Viewers = new()
    {
        ["owner"] = new(Roles.Agency, Owner, Chengdu),
        ["other agency"] = new(Roles.Agency, Other, Chengdu),
        ["enterprise of the region"] = new(Roles.Enterprise, Guid.CreateVersion7(), Chengdu),
        ["node of the region"] = new(Roles.Node, Guid.CreateVersion7(), "510000"),
        ["city regulator"] = new(Roles.Regulator, Guid.CreateVersion7(), Chengdu),
        ["province regulator"] = new(Roles.Regulator, Guid.CreateVersion7(), "510000"),
        ["other province regulator"] = new(Roles.Regulator, Guid.CreateVersion7(), "440000"),
        ["other city regulator"] = new(Roles.Regulator, Guid.CreateVersion7(), "510700"),
        ["national certifier"] = new(Roles.Certifier, Guid.CreateVersion7(), "000000"),
        ["admin"] = new(Roles.Admin, Guid.CreateVersion7(), "000000"),
        ["system"] = new(null, null, null, IsSystem: true),
        ["anonymous"] = Viewer.Anonymous,
    };

    private static readonly Act[] Acts = [Act.See, Act.AsParty, Act.AsSupervisor, Act.AsPartyOrSupervisor, Act.AsPartyOrOperator];

    // One character per act, in the order of Acts: '.' allowed, 'F' forbidden (403), 'N' not found (404).
    [Theory]
    [InlineData(Exposure.Public, "owner", "..F..")]
    [InlineData(Exposure.Public, "other agency", ".FFFF")]
    [InlineData(Exposure.Public, "enterprise of the region", ".FFFF")]
    [InlineData(Exposure.Public, "node of the region", ".FFFF")]
    [InlineData(Exposure.Public, "city regulator", ".F..F")]
    [InlineData(Exposure.Public, "province regulator", ".F..F")]
    [InlineData(Exposure.Public, "other province regulator", ".FFFF")]
    [InlineData(Exposure.Public, "other city regulator", ".FFFF")]
    [InlineData(Exposure.Public, "national certifier", ".F..F")]
    [InlineData(Exposure.Public, "admin", ".F...")]
    [InlineData(Exposure.Public, "system", ".F...")]
    [InlineData(Exposure.Public, "anonymous", ".FFFF")]
    [InlineData(Exposure.Supervised, "owner", "..F..")]
    [InlineData(Exposure.Supervised, "other agency", "NNNNN")]
    [InlineData(Exposure.Supervised, "enterprise of the region", "NNNNN")]
    [InlineData(Exposure.Supervised, "node of the region", "NNNNN")]
    [InlineData(Exposure.Supervised, "city regulator", ".F..F")]
    [InlineData(Exposure.Supervised, "province regulator", ".F..F")]
    [InlineData(Exposure.Supervised, "other province regulator", "NNNNN")]
    [InlineData(Exposure.Supervised, "other city regulator", "NNNNN")]
    [InlineData(Exposure.Supervised, "national certifier", ".F..F")]
    [InlineData(Exposure.Supervised, "admin", ".F...")]
    [InlineData(Exposure.Supervised, "system", ".F...")]
    [InlineData(Exposure.Supervised, "anonymous", "NNNNN")]
    [InlineData(Exposure.Draft, "owner", "..F..")]
    [InlineData(Exposure.Draft, "other agency", "NNNNN")]
    [InlineData(Exposure.Draft, "enterprise of the region", "NNNNN")]
    [InlineData(Exposure.Draft, "node of the region", "NNNNN")]
    [InlineData(Exposure.Draft, "city regulator", "NNNNN")]
    [InlineData(Exposure.Draft, "province regulator", "NNNNN")]
    [InlineData(Exposure.Draft, "other province regulator", "NNNNN")]
    [InlineData(Exposure.Draft, "other city regulator", "NNNNN")]
    [InlineData(Exposure.Draft, "national certifier", "NNNNN")]
    [InlineData(Exposure.Draft, "admin", ".F...")]
    [InlineData(Exposure.Draft, "system", ".F...")]
    [InlineData(Exposure.Draft, "anonymous", "NNNNN")]
    public void What_each_caller_may_do_with_an_item_of_each_exposure(Exposure exposure, string viewer, string expected)
    {
        var sight = Visibility.Of(new VisibleItem(Owner, Chengdu, exposure), Viewers[viewer]);

        var answers = string.Concat(Acts.Select(a => sight.Refuses(a) switch { null => '.', Refusal.Forbidden => 'F', _ => 'N' }));

        Assert.Equal(expected, answers);
    }

    [Fact]
    public void Every_caller_and_exposure_is_in_the_table()
    {
        var rows = typeof(VisibilityTests).GetMethod(nameof(What_each_caller_may_do_with_an_item_of_each_exposure))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => a.GetData(null!).Single()).Select(d => ((Exposure)d[0], (string)d[1])).ToHashSet();

        Assert.Equal(Enum.GetValues<Exposure>().Length * Viewers.Count, rows.Count);
    }

    [Fact]
    public void What_the_caller_may_not_see_is_not_found_whatever_it_asks()
    {
        var hidden = new Sight(Sees: false, IsParty: true, IsSupervisor: true, IsOperator: true);

        Assert.All(Enum.GetValues<Act>(), a => Assert.Equal(Refusal.NotFound, hidden.Refuses(a)));
    }

    [Fact]
    public void A_regulator_is_party_and_supervisor_of_its_own_record()
    {
        var regulator = Guid.CreateVersion7();
        var sight = Visibility.Of(VisibleItem.Organization(regulator, "510000"), new Viewer(Roles.Regulator, regulator, "510000"));

        Assert.Equal(new Sight(true, true, true, false), sight);
        Assert.All(new[] { Act.See, Act.AsParty, Act.AsSupervisor, Act.AsPartyOrSupervisor, Act.AsPartyOrOperator }, a => Assert.Null(sight.Refuses(a)));
    }

    [Theory]
    [InlineData("000000", "510100", true)]
    [InlineData("510000", "510000", true)]
    [InlineData("510000", "510100", true)]
    [InlineData("510100", "510100", true)]
    [InlineData("510100", "510000", false)]
    [InlineData("510100", "510700", false)]
    [InlineData("440000", "510100", false)]
    [InlineData("510000", "000000", false)]
    public void A_regulator_supervises_its_jurisdiction_and_what_lies_below_it(string jurisdiction, string region, bool supervises)
    {
        Assert.Equal(supervises, Visibility.Supervises(new Viewer(Roles.Regulator, Guid.CreateVersion7(), jurisdiction), region));
        Assert.Equal(supervises, Visibility.Supervises(new Viewer(Roles.Certifier, Guid.CreateVersion7(), jurisdiction), region));
    }

    [Theory]
    [InlineData(Roles.Agency)]
    [InlineData(Roles.Enterprise)]
    [InlineData(Roles.Node)]
    public void Agencies_enterprises_and_nodes_supervise_nothing_not_even_their_own_region(string role)
    {
        Assert.False(Visibility.Supervises(new Viewer(role, Guid.CreateVersion7(), "000000"), Chengdu));
    }

    [Fact]
    public void A_regulator_without_a_region_supervises_nothing()
    {
        Assert.False(Visibility.Supervises(new Viewer(Roles.Regulator, Guid.CreateVersion7(), null), Chengdu));
    }

    [Fact]
    public void The_operator_and_the_platform_supervise_everything()
    {
        Assert.True(Visibility.Supervises(new Viewer(Roles.Admin, null, null), "440300"));
        Assert.True(Visibility.Supervises(new Viewer(null, null, null, IsSystem: true), "440300"));
    }

    [Fact]
    public void An_anonymous_caller_is_no_party_of_anything()
    {
        Assert.False(Visibility.Of(new VisibleItem(Owner, Chengdu, Exposure.Public), Viewer.Anonymous).IsParty);
    }

    [Theory]
    [MemberData(nameof(DemandStates))]
    public void A_demand_is_its_agencys_draft_until_published_and_public_in_every_later_state(string status)
    {
        var demand = VisibleItem.Demand(Owner, Chengdu, status);

        Assert.Equal(status == DemandStatus.Draft ? Exposure.Draft : Exposure.Public, demand.Exposure);
        Assert.Equal([Owner], demand.Parties);
    }

    public static TheoryData<string> DemandStates() => new(DemandStatus.All);

    [Fact]
    public void A_catalog_entry_is_public_once_a_version_of_it_was_published()
    {
        Assert.Equal(Exposure.Draft, VisibleItem.CatalogEntry(Owner, Chengdu, everPublished: false).Exposure);
        Assert.Equal(Exposure.Public, VisibleItem.CatalogEntry(Owner, Chengdu, everPublished: true).Exposure);
    }

    [Fact]
    public void Both_parties_of_a_contract_see_it_and_no_other_enterprise_does()
    {
        var contract = VisibleItem.Contract(Owner, Enterprise, Chengdu);

        Assert.True(Visibility.Of(contract, new Viewer(Roles.Enterprise, Enterprise, "440000")).IsParty);
        Assert.True(Visibility.Of(contract, new Viewer(Roles.Agency, Owner, Chengdu)).IsParty);
        Assert.Equal(Refusal.NotFound, Visibility.Of(contract, new Viewer(Roles.Enterprise, Other, Chengdu)).Refuses(Act.See));
    }

    [Fact]
    public void A_certificate_is_public_and_supervised_from_its_supervising_region_not_the_enterprises_current_one()
    {
        var certificate = VisibleItem.Certificate(Enterprise, "440300");

        Assert.Equal(Exposure.Public, certificate.Exposure);
        Assert.Null(Visibility.Of(certificate, new Viewer(Roles.Regulator, Guid.CreateVersion7(), "440000")).Refuses(Act.AsSupervisor));
        Assert.Equal(Refusal.Forbidden, Visibility.Of(certificate, new Viewer(Roles.Regulator, Guid.CreateVersion7(), "510000")).Refuses(Act.AsSupervisor));
    }

    [Fact]
    public void A_registered_enterprise_is_public_and_only_it_acts_on_its_profile()
    {
        var enterprise = VisibleItem.Enterprise(Enterprise, Chengdu);

        Assert.Null(Visibility.Of(enterprise, new Viewer(Roles.Enterprise, Enterprise, Chengdu)).Refuses(Act.AsParty));
        Assert.Equal(Refusal.Forbidden, Visibility.Of(enterprise, new Viewer(Roles.Enterprise, Other, Chengdu)).Refuses(Act.AsParty));
    }

    [Fact]
    public void Applications_and_organization_records_are_supervised()
    {
        Assert.Equal(Exposure.Supervised, VisibleItem.Application(Enterprise, Chengdu).Exposure);
        Assert.Equal(Exposure.Supervised, VisibleItem.Organization(Enterprise, Chengdu).Exposure);
    }
}
