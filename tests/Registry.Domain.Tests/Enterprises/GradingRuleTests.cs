using FsCheck.Xunit;
using Registry.Domain.Enterprises;

namespace Registry.Domain.Tests.Enterprises;

public sealed class GradingRuleTests
{
    // Registry's default rule, restated so that a change to it is a deliberate one (docs/certification.md).
    [Theory]
    [InlineData(1, 10, 5, 0, 0, 1, false, false)]
    [InlineData(2, 30, 20, 2, 0, 2, false, false)]
    [InlineData(3, 100, 60, 10, 0, 2, true, false)]
    [InlineData(4, 300, 200, 30, 5, 3, true, true)]
    [InlineData(5, 800, 500, 80, 15, 3, true, true)]
    public void Each_grade_has_its_documented_requirements(int grade, int staff, int annotators, int senior, int technicians,
        int mlps, bool iso, bool facility) =>
        Assert.Equal(new GradeRequirement(grade, staff, annotators, senior, technicians, mlps, iso, facility), GradingRule.Requirements[grade - 1]);

    [Fact]
    public void The_table_in_docs_certification_md_matches_the_rule()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docs", "certification.md"))) directory = directory.Parent;
        Assert.NotNull(directory);
        var rows = File.ReadAllLines(Path.Combine(directory.FullName, "docs", "certification.md"))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length == 10 && int.TryParse(cells[1], out _))
            .Select(cells => new GradeRequirement(int.Parse(cells[1]), int.Parse(cells[2]), int.Parse(cells[3]), int.Parse(cells[4]),
                int.Parse(cells[5]), int.Parse(cells[6]), cells[7] == "yes", cells[8] == "yes"));

        Assert.Equal(GradingRule.Requirements, rows);
    }

    [Fact]
    public void There_are_five_grades_from_1_to_5()
    {
        Assert.Equal([1, 2, 3, 4, 5], GradingRule.Requirements.Select(r => r.Grade));
        Assert.False(GradingRule.IsGrade(0));
        Assert.True(GradingRule.IsGrade(1));
        Assert.True(GradingRule.IsGrade(5));
        Assert.False(GradingRule.IsGrade(6));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void Shortfalls_for_a_grade_outside_1_to_5_are_refused(int grade) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GradingRule.Shortfalls(AtThreshold(5), grade));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_profile_exactly_at_the_thresholds_meets_the_grade(int grade)
    {
        var facts = AtThreshold(grade);

        Assert.Empty(GradingRule.Shortfalls(facts, grade));
        Assert.Equal(grade, GradingRule.HighestGrade(facts));
    }

    [Fact]
    public void The_threshold_profile_of_grade_3_counts_annotators_by_skill_level()
    {
        var facts = AtThreshold(3);

        Assert.Equal(100, facts.TotalStaff);
        Assert.Equal(60, facts.Annotators);
        Assert.Equal(10, facts.SeniorAnnotators);
        Assert.Equal(0, facts.TechnicianAnnotators);
    }

    [Fact]
    public void Level_1_annotators_count_as_senior_and_technician_and_level_4_and_5_as_neither()
    {
        var facts = new EnterpriseFacts(50, new Dictionary<string, int>
        {
            ["level_1"] = 1, ["level_2"] = 2, ["level_3"] = 4, ["level_4"] = 8, ["level_5"] = 16,
        }, 2, false, false);

        Assert.Equal(31, facts.Annotators);
        Assert.Equal(7, facts.SeniorAnnotators);
        Assert.Equal(3, facts.TechnicianAnnotators);
    }

    public static TheoryData<int, string, string> OneBelow()
    {
        var data = new TheoryData<int, string, string>();
        foreach (var r in GradingRule.Requirements)
        {
            data.Add(r.Grade, "staff", $"grade {r.Grade} needs at least {r.MinStaff} staff, not {r.MinStaff - 1}");
            data.Add(r.Grade, "annotators", $"grade {r.Grade} needs at least {r.MinAnnotators} certified annotators, not {r.MinAnnotators - 1}");
            if (r.MinSeniorAnnotators > 0)
                data.Add(r.Grade, "senior", $"grade {r.Grade} needs at least {r.MinSeniorAnnotators} annotators at skill level 3 or above, not {r.MinSeniorAnnotators - 1}");
            if (r.MinTechnicians > 0)
                data.Add(r.Grade, "technicians", $"grade {r.Grade} needs at least {r.MinTechnicians} annotators at skill level 2 or above, not {r.MinTechnicians - 1}");
            data.Add(r.Grade, "mlps", $"grade {r.Grade} needs MLPS (等级保护) level {r.MinMlpsLevel} or higher, not {r.MinMlpsLevel - 1}");
            if (r.NeedsIso27001) data.Add(r.Grade, "iso", $"grade {r.Grade} needs ISO/IEC 27001 certification");
            if (r.NeedsSecureFacility) data.Add(r.Grade, "facility", $"grade {r.Grade} needs an on-premise secure labeling facility");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OneBelow))]
    public void One_below_a_threshold_misses_the_grade_and_the_shortfall_names_the_missing_item(int grade, string item, string shortfall)
    {
        var facts = OneBelowThreshold(grade, item);

        Assert.Equal([shortfall], GradingRule.Shortfalls(facts, grade));
        Assert.True(GradingRule.HighestGrade(facts) < grade);
    }

    [Fact]
    public void Every_shortfall_is_listed_not_just_the_first()
    {
        var nothing = new EnterpriseFacts(0, new Dictionary<string, int>(), 0, false, false);

        Assert.Equal(7, GradingRule.Shortfalls(nothing, 5).Count);
        Assert.Equal(3, GradingRule.Shortfalls(nothing, 1).Count);
    }

    [Fact]
    public void A_profile_below_grade_1_has_highest_grade_0() =>
        Assert.Equal(0, GradingRule.HighestGrade(new EnterpriseFacts(9, new Dictionary<string, int> { ["level_5"] = 5 }, 1, false, false)));

    [Fact]
    public void A_large_profile_without_ISO_27001_stops_at_grade_2()
    {
        var facts = AtThreshold(5) with { Iso27001 = false };

        Assert.Equal(2, GradingRule.HighestGrade(facts));
    }

    [Fact]
    public void A_large_profile_at_MLPS_2_stops_at_grade_3()
    {
        var facts = AtThreshold(5) with { MlpsLevel = 2 };

        Assert.Equal(3, GradingRule.HighestGrade(facts));
    }

    [Property(MaxTest = 2000)]
    public bool Meeting_a_grade_implies_meeting_every_lower_grade(int seed)
    {
        var facts = RandomFacts(seed);

        for (var grade = GradingRule.MinGrade; grade <= GradingRule.MaxGrade; grade++)
        {
            if (GradingRule.Shortfalls(facts, grade).Count != 0) continue;
            for (var lower = GradingRule.MinGrade; lower < grade; lower++)
                if (GradingRule.Shortfalls(facts, lower).Count != 0) return false;
        }

        return true;
    }

    [Property(MaxTest = 2000)]
    public bool The_highest_grade_is_met_and_the_next_one_is_not(int seed)
    {
        var facts = RandomFacts(seed);
        var highest = GradingRule.HighestGrade(facts);

        var met = highest == 0 || GradingRule.Shortfalls(facts, highest).Count == 0;
        var nextMissed = highest == GradingRule.MaxGrade || GradingRule.Shortfalls(facts, highest + 1).Count > 0;
        return met && nextMissed;
    }

    [Fact]
    public void The_random_profiles_reach_every_grade()
    {
        var reached = Enumerable.Range(0, 2000).Select(seed => GradingRule.HighestGrade(RandomFacts(seed))).ToHashSet();

        Assert.Equal([0, 1, 2, 3, 4, 5], reached.Order());
    }

    /// <summary>Profiles scattered around the thresholds of a random grade, so that every grade is reached and missed.</summary>
    private static EnterpriseFacts RandomFacts(int seed)
    {
        var random = new Random(seed);
        var r = GradingRule.Requirements[random.Next(GradingRule.Requirements.Count)];
        int Near(int threshold) => Math.Max(0, threshold + random.Next(-3, 4) - (random.Next(8) == 0 ? threshold / 2 : 0));

        var technicians = Near(r.MinTechnicians);
        var senior = Math.Max(technicians, Near(r.MinSeniorAnnotators));
        var annotators = Math.Max(senior, Near(r.MinAnnotators));
        var levelOne = random.Next(technicians + 1);
        var levelFour = random.Next(annotators - senior + 1);
        return new EnterpriseFacts(
            Near(r.MinStaff),
            new Dictionary<string, int>
            {
                ["level_1"] = levelOne,
                ["level_2"] = technicians - levelOne,
                ["level_3"] = senior - technicians,
                ["level_4"] = levelFour,
                ["level_5"] = annotators - senior - levelFour,
            },
            Math.Clamp(r.MinMlpsLevel + random.Next(-1, 2), 1, 5),
            random.Next(5) != 0 || !r.NeedsIso27001,
            random.Next(5) != 0 || !r.NeedsSecureFacility);
    }

    private static EnterpriseFacts AtThreshold(int grade)
    {
        var r = GradingRule.Requirements[grade - 1];
        return new EnterpriseFacts(r.MinStaff, Levels(r.MinTechnicians, r.MinSeniorAnnotators - r.MinTechnicians, 0, r.MinAnnotators - r.MinSeniorAnnotators),
            r.MinMlpsLevel, r.NeedsIso27001, r.NeedsSecureFacility);
    }

    private static EnterpriseFacts OneBelowThreshold(int grade, string item)
    {
        var r = GradingRule.Requirements[grade - 1];
        var (two, three, four, five) = (r.MinTechnicians, r.MinSeniorAnnotators - r.MinTechnicians, 0, r.MinAnnotators - r.MinSeniorAnnotators);
        var facts = AtThreshold(grade);
        return item switch
        {
            "staff" => facts with { TotalStaff = r.MinStaff - 1 },
            "annotators" => facts with { AnnotatorsBySkillLevel = Levels(two, three, four, five - 1) },
            // Moving one annotator down a level keeps every other count.
            "senior" => facts with { AnnotatorsBySkillLevel = Levels(two, three - 1, four + 1, five) },
            "technicians" => facts with { AnnotatorsBySkillLevel = Levels(two - 1, three + 1, four, five) },
            "mlps" => facts with { MlpsLevel = r.MinMlpsLevel - 1 },
            "iso" => facts with { Iso27001 = false },
            "facility" => facts with { SecureFacility = false },
            _ => throw new ArgumentOutOfRangeException(nameof(item), item, null),
        };
    }

    private static Dictionary<string, int> Levels(int two, int three, int four, int five) =>
        new() { ["level_2"] = two, ["level_3"] = three, ["level_4"] = four, ["level_5"] = five };
}
