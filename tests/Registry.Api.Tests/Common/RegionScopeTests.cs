using Dapper;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Regions;
using Registry.Infrastructure.ReferenceData;

namespace Registry.Api.Tests.Common;

/// <summary>The range a list's SQL filters by is "a region and everything within it" exactly as the domain defines it.</summary>
public sealed class RegionScopeTests
{
    private static readonly RegionDirectory Regions = RegionReference.Load();

    // Every shipped province and city, and the nation.
    private static readonly string[] Known =
        [RegionCode.National, .. Regions.Provinces.SelectMany(p => Regions.Children(p.Code).Prepend(p)).Select(r => r.Code)];

    [Fact]
    public void A_scope_holds_exactly_the_regions_within_its_region_for_every_pair_of_known_regions()
    {
        Assert.Equal(1 + 31 + 342, Known.Length);
        var disagreements = (from ancestor in Known
                             from code in Known
                             where RegionScope.Of(ancestor).Contains(code) != RegionCode.IsWithin(code, ancestor)
                             select $"{code} in {ancestor}").Take(10).ToList();
        Assert.Empty(disagreements);
    }

    [Fact]
    public void The_intersection_of_two_scopes_is_the_narrower_one_or_nothing_for_every_pair_of_known_regions()
    {
        var disagreements = (from a in Known
                             from b in Known
                             let expected = RegionCode.IsWithin(a, b) ? RegionScope.Of(a) : RegionCode.IsWithin(b, a) ? RegionScope.Of(b) : RegionScope.Nothing
                             where RegionScope.Of(a).Intersect(RegionScope.Of(b)) != expected
                             select $"{a} ∩ {b}").Take(10).ToList();
        Assert.Empty(disagreements);
    }

    [Fact]
    public void Nothing_holds_no_region_and_everything_holds_every_region()
    {
        Assert.All(Known, code => Assert.False(RegionScope.Nothing.Contains(code)));
        Assert.All(Known, code => Assert.True(RegionScope.Everything.Contains(code)));
        Assert.True(RegionScope.Of(null).IsNothing);
        Assert.Equal(RegionScope.Everything, RegionScope.Filter(null));
        Assert.Equal(RegionScope.Nothing, RegionScope.Of("510000").Intersect(RegionScope.Nothing));
    }

    [Fact]
    public void A_scope_parameter_becomes_the_two_bounds_its_condition_names()
    {
        Assert.Equal("c.region_code between @scopeLow and @scopeHigh", RegionScope.Sql("c.region_code"));
        var parameters = (DynamicParameters)SqlParameters.Of(new { status = "active", scope = RegionScope.Of("510000") })!;
        Assert.Equal(["status", "scopeLow", "scopeHigh"], parameters.ParameterNames);
        Assert.Equal(("510000", "519999"), (parameters.Get<string>("scopeLow"), parameters.Get<string>("scopeHigh")));
    }

    [Theory]
    [InlineData(Roles.Admin, "000000", "000000..999999")]
    [InlineData(Roles.Regulator, "510000", "510000..519999")]
    [InlineData(Roles.Regulator, "510100", "510100..510100")]
    [InlineData(Roles.Certifier, "000000", "000000..999999")]
    [InlineData(Roles.Regulator, null, "nothing")]
    [InlineData(Roles.Agency, "510100", "nothing")]
    [InlineData(Roles.Enterprise, "510100", "nothing")]
    [InlineData(Roles.Node, "510000", "nothing")]
    public void A_caller_lists_by_jurisdiction_only_as_operator_regulator_or_certifier(string role, string? region, string expected) =>
        Assert.Equal(expected, new Caller(role, region).ListScope().ToString());

    [Fact]
    public void A_single_item_is_covered_when_the_callers_list_would_show_it()
    {
        var sichuan = new Caller(Roles.Regulator, "510000");
        Assert.True(sichuan.Covers("510100"));
        Assert.False(sichuan.Covers("340100"));
        Assert.False(new Caller(Roles.Agency, "510100").Covers("510100"));
        Assert.True(new SystemCaller().Covers("340100"));
    }

    private sealed record Caller(string Role, string? RegionCode) : ICaller
    {
        public string Subject => "test";
        public bool IsAuthenticated => true;
        public bool IsSystem => false;
        public Guid? OrganizationId => Guid.Empty;
        public string? IdempotencyKey => null;
    }
}
