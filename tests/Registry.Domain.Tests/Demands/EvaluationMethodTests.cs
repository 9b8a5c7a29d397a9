using Registry.Domain.Demands;

namespace Registry.Domain.Tests.Demands;

public sealed class EvaluationMethodTests
{
    [Fact]
    public void The_lowest_price_method_weighs_price_alone_and_is_valid()
    {
        Assert.Equal(new EvaluationMethod(EvaluationMethod.LowestPrice, 100, 0, 0), EvaluationMethod.Lowest);
        Assert.Null(EvaluationMethod.Lowest.Problem());
    }

    [Theory]
    [InlineData(99, 1, 0)]
    [InlineData(100, 0, 1)]
    [InlineData(100, 1, 0)]
    [InlineData(0, 0, 0)]
    [InlineData(0, 100, 0)]
    [InlineData(50, 30, 20)]
    [InlineData(101, 0, -1)]
    [InlineData(100, -5, 5)]
    public void Lowest_price_with_any_other_weights_is_invalid(int price, int technical, int quality)
    {
        var problem = new EvaluationMethod(EvaluationMethod.LowestPrice, price, technical, quality).Problem();

        Assert.NotNull(problem);
        Assert.Contains("(100, 0, 0)", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(40, 40, 20)]
    [InlineData(34, 33, 33)]
    [InlineData(100, 0, 0)]
    [InlineData(0, 100, 0)]
    [InlineData(0, 0, 100)]
    public void Comprehensive_weights_summing_to_100_are_valid(int price, int technical, int quality) =>
        Assert.Null(new EvaluationMethod(EvaluationMethod.Comprehensive, price, technical, quality).Problem());

    [Theory]
    [InlineData(40, 40, 19, 99)]
    [InlineData(40, 40, 21, 101)]
    [InlineData(0, 0, 0, 0)]
    [InlineData(100, 100, 100, 300)]
    public void Comprehensive_weights_not_summing_to_100_are_invalid_and_the_sum_is_given(int price, int technical, int quality, int sum)
    {
        var problem = new EvaluationMethod(EvaluationMethod.Comprehensive, price, technical, quality).Problem();

        Assert.NotNull(problem);
        Assert.Contains("100", problem, StringComparison.Ordinal);
        Assert.Contains($"not {sum}", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-10, 60, 50)]
    [InlineData(60, -10, 50)]
    [InlineData(60, 50, -10)]
    [InlineData(-1, -1, -1)]
    public void A_negative_comprehensive_weight_is_invalid_even_when_the_weights_sum_to_100(int price, int technical, int quality)
    {
        var problem = new EvaluationMethod(EvaluationMethod.Comprehensive, price, technical, quality).Problem();

        Assert.NotNull(problem);
        Assert.Contains("negative", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("best_value")]
    [InlineData("")]
    [InlineData("Lowest_Price")]
    [InlineData("COMPREHENSIVE")]
    [InlineData(" comprehensive")]
    public void An_unknown_kind_is_invalid_and_the_known_kinds_are_named(string kind)
    {
        var problem = new EvaluationMethod(kind, 100, 0, 0).Problem();

        Assert.NotNull(problem);
        Assert.Contains(EvaluationMethod.LowestPrice, problem, StringComparison.Ordinal);
        Assert.Contains(EvaluationMethod.Comprehensive, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kinds_have_their_documented_codes()
    {
        Assert.Equal("lowest_price", EvaluationMethod.LowestPrice);
        Assert.Equal("comprehensive", EvaluationMethod.Comprehensive);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cheapest")]
    public void An_unknown_method_kind_is_refused_with_the_same_sentence_alone_or_in_a_method(string? kind)
    {
        var problem = EvaluationMethod.KindProblem(kind);

        Assert.NotNull(problem);
        Assert.Equal(problem, new EvaluationMethod(kind!, 100, 0, 0).Problem());
        Assert.Null(EvaluationMethod.KindProblem(EvaluationMethod.Comprehensive));
    }
}
