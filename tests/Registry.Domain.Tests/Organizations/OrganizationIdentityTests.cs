using Registry.Domain.Organizations;

namespace Registry.Domain.Tests.Organizations;

public sealed class OrganizationIdentityTests
{
    private static readonly OrganizationIdentity Chengdu = new("成都测试标注科技有限公司", "91510100MA6C00007X", "510100");

    [Theory]
    [InlineData("admin", null, "enterprise", "510100", "460100", true)]
    [InlineData("admin", null, "regulator", "510000", "460000", true)]
    [InlineData("regulator", "000000", "enterprise", "510100", "460100", true)]
    [InlineData("regulator", "510000", "enterprise", "510100", "510700", true)]
    [InlineData("regulator", "510000", "agency", "510100", "510100", true)]
    [InlineData("regulator", "510000", "enterprise", "510100", "460100", false)] // only the old region
    [InlineData("regulator", "460000", "enterprise", "510100", "460100", false)] // only the new region
    [InlineData("regulator", "510100", "enterprise", "510100", "510000", false)] // a city cannot lift it to its province
    [InlineData("regulator", "000000", "regulator", "510000", "510000", false)] // a regulator's identity is the operator's
    [InlineData("regulator", "000000", "admin", "000000", "000000", false)]
    [InlineData("enterprise", "510100", "enterprise", "510100", "510100", false)]
    [InlineData("certifier", "000000", "enterprise", "510100", "460100", false)]
    [InlineData("regulator", null, "enterprise", "510100", "510100", false)]
    public void The_operator_or_a_regulator_of_both_regions_may_change_an_identity(string role, string? jurisdiction, string kind, string from,
        string to, bool expected) =>
        Assert.Equal(expected, OrganizationIdentity.MayChange(role, jurisdiction, kind, from, to));

    [Fact]
    public void A_declaration_that_differs_names_each_differing_field_with_the_registered_value()
    {
        var mismatches = Chengdu.Mismatches("国家数据局", Chengdu.CreditCode, "460100");

        Assert.Equal(new Dictionary<string, string> { ["legalName"] = Chengdu.NameZh, ["regionCode"] = "510100" }, mismatches);
        Assert.Empty(Chengdu.Mismatches(Chengdu.NameZh, Chengdu.CreditCode, Chengdu.RegionCode));
    }

    [Fact]
    public void A_change_replaces_only_the_parts_given()
    {
        var moved = Chengdu.With(null, null, "460100");

        Assert.Equal(Chengdu with { RegionCode = "460100" }, moved);
        Assert.Equal(Chengdu, Chengdu.With(null, null, null));
    }

    [Fact]
    public void A_new_name_or_credit_code_replaces_the_registered_one()
    {
        Assert.Equal(Chengdu with { NameZh = "成都新名标注科技有限公司" }, Chengdu.With("成都新名标注科技有限公司", null, null));
        Assert.Equal(Chengdu with { CreditCode = "91510100MA6C00015R" }, Chengdu.With(null, "91510100MA6C00015R", null));
    }

    [Fact]
    public void A_declared_credit_code_that_differs_is_a_mismatch_naming_the_registered_code() =>
        Assert.Equal(Chengdu.CreditCode, Chengdu.Mismatches(Chengdu.NameZh, "91510100MA6C00015R", Chengdu.RegionCode)["creditCode"]);
}
