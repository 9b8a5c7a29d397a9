using Registry.Domain.Matching;

namespace Registry.Application.Matching;

/// <summary>The <c>Matching</c> configuration section: the score's weights (<c>Matching:Weights:Capability</c>, ...).</summary>
public sealed class MatchingOptions
{
    public MatchWeights Weights { get; set; } = MatchWeights.Default;
}
