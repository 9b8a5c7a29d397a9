using Registry.Domain.Demands;
using Registry.Domain.Reference;

namespace Registry.Domain.Tests.Demands;

public sealed class DemandSnapshotTests
{
    private static DemandSnapshot Snapshot(DateTimeOffset deadline) => new(Guid.NewGuid(), Guid.NewGuid(), DemandStatus.Open, "510100", "transport",
        "image", ["bounding_box", "polygon"], 50_000m, "images", 0.95m, 100_000m, 3, DataSecurityLevels.Important,
        new EvaluationMethod(EvaluationMethod.Comprehensive, 50, 30, 20), deadline, new DateOnly(2027, 2, 28), 2, null, null, "XQ-2027-000001",
        "成都市路口车辆拉框标注", 4);

    [Fact]
    public void Eligibility_reads_the_required_grade_clearance_modality_and_task_types_of_the_demand()
    {
        var requirements = Snapshot(DateTimeOffset.UnixEpoch).Requirements;

        Assert.Equal((3, DataSecurityLevels.Important, "image"), (requirements.RequiredGrade, requirements.SecurityLevel, requirements.Modality));
        Assert.Equal(["bounding_box", "polygon"], requirements.TaskTypes);
    }

    [Fact]
    public void The_evaluation_window_starts_on_the_China_day_of_the_deadline()
    {
        // 17:00 UTC on 31 January is 1 February in China.
        var terms = Snapshot(new DateTimeOffset(2027, 1, 31, 17, 0, 0, TimeSpan.Zero)).EvaluationTerms;

        Assert.Equal(new DateOnly(2027, 2, 1), terms.BiddingClosedOn);
        Assert.Equal((new DateOnly(2027, 2, 28), 0.95m, 50), (terms.DueDate, terms.MinimumAccuracy, terms.Method.PriceWeight));
    }
}
