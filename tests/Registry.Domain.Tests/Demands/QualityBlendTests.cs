using Registry.Domain.Demands;

namespace Registry.Domain.Tests.Demands;

/// <summary>One credibility-weighted blend serves the evaluation and the directory's quality sort.</summary>
public sealed class QualityBlendTests
{
    [Fact]
    public void The_evaluation_factor_is_the_blend_against_the_demands_bar()
    {
        var record = new QualityHistory(8, 0.99m, 1.0m);

        Assert.Equal(QualityBlend.Of(record, 0.95m), Evaluation.QualityFactor(record, 0.95m));
        Assert.Equal((QualityBlend.Neutral, QualityBlend.CredibilityDeliveries), (Evaluation.NeutralQuality, Evaluation.CredibilityDeliveries));
    }

    [Fact]
    public void Without_a_bar_the_accuracy_factor_is_the_mean_accuracy_itself()
    {
        // Observed (0.96 + 0.5) ÷ 2 = 0.73; 4 deliveries blended with 2 neutral ones: (2.92 + 1) ÷ 6 = 0.65333… → 0.6533.
        Assert.Equal(0.6533m, QualityBlend.Unbarred(new QualityHistory(4, 0.96m, 0.5m)));
    }

    [Fact]
    public void Without_a_record_the_blend_is_neutral()
    {
        Assert.Equal(0.5m, QualityBlend.Unbarred(null));
        Assert.Equal(0.5m, QualityBlend.Unbarred(new QualityHistory(0, 1m, 1m)));
    }

    [Fact]
    public void One_lucky_delivery_does_not_outrank_fifty_good_ones()
    {
        // One perfect delivery: (1 + 1) ÷ 3 = 0.6667. Fifty at 0.97, 90 % on time: observed 0.935, (46.75 + 1) ÷ 52 = 0.9183.
        var lucky = QualityBlend.Unbarred(new QualityHistory(1, 1.0m, 1.0m));
        var experienced = QualityBlend.Unbarred(new QualityHistory(50, 0.97m, 0.9m));

        Assert.Equal((0.6667m, 0.9183m), (lucky, experienced));
        Assert.True(lucky < experienced);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(50)]
    public void More_deliveries_of_the_same_quality_never_lower_the_blend(int accepted) =>
        Assert.True(QualityBlend.Unbarred(new QualityHistory(accepted + 1, 0.97m, 1m)) >= QualityBlend.Unbarred(new QualityHistory(accepted, 0.97m, 1m)));
}
