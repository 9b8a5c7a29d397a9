using Microsoft.Extensions.Configuration;
using Registry.Domain.Matching;

namespace Registry.Api.Tests.Matching;

public sealed class MatchWeightsConfigurationTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Fact]
    public void Without_settings_the_default_weights_apply() =>
        Assert.Equal(MatchWeights.Default, Registry.Api.Hosting.Matching.Weights(Settings()));

    [Fact]
    public void A_configured_weight_replaces_its_default_and_the_others_keep_theirs() =>
        Assert.Equal(MatchWeights.Default with { Locality = 30, UnitsPerAnnotatorDay = 800 },
            Registry.Api.Hosting.Matching.Weights(Settings(("Matching:Weights:Locality", "30"), ("Matching:Weights:UnitsPerAnnotatorDay", "800"))));

    [Fact]
    public void A_negative_weight_stops_the_start()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Registry.Api.Hosting.Matching.Weights(Settings(("Matching:Weights:Quality", "-1"))));
        Assert.Contains("Matching:Weights", refused.Message, StringComparison.Ordinal);
    }
}
