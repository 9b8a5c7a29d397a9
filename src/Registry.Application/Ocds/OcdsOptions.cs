using System.Text.RegularExpressions;

namespace Registry.Application.Ocds;

/// <summary>The <c>Ocds</c> configuration section: how the platform names its contracting processes in OCDS open data.</summary>
public sealed partial class OcdsOptions
{
    /// <summary>The value deployments had before the prefix was configurable: ocids stay as they were.</summary>
    public const string DefaultPrefix = "ocds-registry";

    public const string DefaultPublisherName = "全国数据标注公共服务平台 National data labeling public-service platform";

    /// <summary>
    /// The ocid prefix (<c>Ocds:Prefix</c>): "ocds-" and lower-case letters or digits, as the Open Contracting Partnership assigns
    /// them (e.g. <c>ocds-213czf</c>); a demand's ocid is the prefix, a hyphen and its number, given when it is published.
    /// </summary>
    public string Prefix { get; set; } = DefaultPrefix;

    /// <summary>The publisher named in every package (<c>Ocds:PublisherName</c>).</summary>
    public string PublisherName { get; set; } = DefaultPublisherName;

    public string Ocid(string number) => Prefix + "-" + number;

    [GeneratedRegex("^ocds-[a-z0-9]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixPattern();

    /// <summary>Refuses a configuration that would publish ocids no OCDS reader accepts; called once at startup.</summary>
    public OcdsOptions Validated()
    {
        if (!PrefixPattern().IsMatch(Prefix ?? ""))
            throw new InvalidOperationException(
                $"Ocds:Prefix '{Prefix}' is not an ocid prefix: \"ocds-\" followed by 1 to 40 lower-case letters or digits (e.g. ocds-213czf). See docs/one-network.md.");
        if (string.IsNullOrWhiteSpace(PublisherName))
            throw new InvalidOperationException("Ocds:PublisherName must name the publisher of the OCDS packages. See docs/one-network.md.");
        return this;
    }
}
