using System.Text.RegularExpressions;
using Registry.Domain.Reference;

namespace Registry.Domain.Tests.Reference;

public sealed partial class ReferenceListTests
{
    public static TheoryData<string, int> Lists => new()
    {
        { nameof(IndustryDomains), 17 }, { nameof(Modalities), 7 }, { nameof(TaskTypes), 15 },
        { nameof(DataSecurityLevels), 3 }, { nameof(SkillLevels), 5 }, { nameof(Openness), 3 },
    };

    private static IReadOnlyList<ReferenceItem> Of(string list) => list switch
    {
        nameof(IndustryDomains) => IndustryDomains.All,
        nameof(Modalities) => Modalities.All,
        nameof(TaskTypes) => TaskTypes.All,
        nameof(DataSecurityLevels) => DataSecurityLevels.All,
        nameof(SkillLevels) => SkillLevels.All,
        _ => Openness.All,
    };

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex SnakeCase();

    [Theory]
    [MemberData(nameof(Lists))]
    public void Each_list_has_unique_snake_case_codes_with_Chinese_and_English_names_in_order(string list, int count)
    {
        var items = Of(list);

        Assert.Equal(count, items.Count);
        Assert.Equal(items.Count, items.Select(i => i.Code).Distinct().Count());
        Assert.All(items, i => Assert.Matches(SnakeCase(), i.Code));
        Assert.All(items, i => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}|\d", i.NameZh));
        Assert.All(items, i => Assert.False(string.IsNullOrWhiteSpace(i.NameEn)));
        Assert.Equal(Enumerable.Range(1, count), items.Select(i => i.Order));
    }

    [Fact]
    public void Security_levels_rank_general_below_important_below_core()
    {
        Assert.True(DataSecurityLevels.Rank(DataSecurityLevels.General) < DataSecurityLevels.Rank(DataSecurityLevels.Important));
        Assert.True(DataSecurityLevels.Rank(DataSecurityLevels.Important) < DataSecurityLevels.Rank(DataSecurityLevels.Core));
        Assert.Equal([1, 2, 3], DataSecurityLevels.All.Select(l => DataSecurityLevels.Rank(l.Code)));
        Assert.Throws<ArgumentException>(() => DataSecurityLevels.Rank("secret"));
    }

    [Fact]
    public void Skill_levels_run_from_level_5_junior_to_level_1_senior_technician()
    {
        Assert.Equal(["level_5", "level_4", "level_3", "level_2", "level_1"], SkillLevels.All.Select(l => l.Code));
        Assert.Equal("五级/初级工", SkillLevels.All[0].NameZh);
        Assert.Equal("一级/高级技师", SkillLevels.All[^1].NameZh);
    }

    [Fact]
    public void Unknown_and_missing_codes_are_not_known()
    {
        Assert.False(IndustryDomains.IsKnown(null));
        Assert.False(Modalities.IsKnown(""));
        Assert.False(Openness.IsKnown("Open"));
        Assert.True(Openness.IsKnown("conditional"));
    }

    [Fact]
    public void The_design_lists_are_covered()
    {
        foreach (var code in new[] { "autonomous_driving", "low_altitude_economy", "rural_revitalization", "digital_trade" })
            Assert.True(IndustryDomains.IsKnown(code), code);
        foreach (var code in new[] { "point_cloud", "four_d", "multimodal" })
            Assert.True(Modalities.IsKnown(code), code);
        foreach (var code in new[] { "preference_ranking", "instruction_writing", "chain_of_thought", "cuboid_3d" })
            Assert.True(TaskTypes.IsKnown(code), code);
        Assert.False(TaskTypes.IsKnown("Bounding_Box"));
        Assert.Equal("4-04-05-05", SkillLevels.OccupationCode);
    }

    [Fact]
    public void Security_levels_and_skill_levels_know_their_own_codes_only()
    {
        Assert.True(DataSecurityLevels.IsKnown("important"));
        Assert.False(DataSecurityLevels.IsKnown("secret"));
        Assert.False(DataSecurityLevels.IsKnown(null));
        Assert.True(SkillLevels.IsKnown("level_1"));
        Assert.False(SkillLevels.IsKnown("level_6"));
    }
}
