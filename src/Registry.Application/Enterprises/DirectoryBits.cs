using Registry.Domain.Enterprises;
using Registry.Domain.Reference;

namespace Registry.Application.Enterprises;

/// <summary>
/// The capabilities, domains and active designations of an enterprise as integer bit sets on its <c>enterprise_directory</c> row,
/// so that each list filter of the directory search is one bit test, <c>(column &amp; @mask) &lt;&gt; 0</c>, read from a narrow
/// index. The positions are stored: they never move. Each list keeps its codes in the order of its first publication and a code
/// added to a closed list later takes the next free position (it is appended below, never inserted).
/// <list type="bullet">
/// <item>A capability is a pair (modality, task type), so that "a capability pairs one of the modalities with one of the task types"
/// stays a test on one pair: the 105 pairs of the first lists (7 modalities × 15 task types) take positions <c>m × 15 + t</c>,
/// modality-major; pairs of a modality or task type added later are appended from position 105. Positions 0–63 are
/// <c>capability_bits_lo</c>, 64–127 <c>capability_bits_hi</c>.</item>
/// <item>A domain or designation is its position in the list below (17 domains, 4 designations, of 63 possible).</item>
/// </list>
/// </summary>
internal static class DirectoryBits
{
    /// <summary>The modalities and task types whose pairs fill positions 0–104; never reordered.</summary>
    private static readonly string[] FirstModalities = ["text", "image", "video", "audio", "point_cloud", "four_d", "multimodal"];

    private static readonly string[] FirstTaskTypes =
    [
        "classification", "bounding_box", "segmentation", "keypoints", "object_tracking", "transcription", "entity_relation", "cuboid_3d",
        "annotation_4d", "cross_modal_alignment", "preference_ranking", "instruction_writing", "chain_of_thought", "labeling_review",
        "quality_assessment",
    ];

    /// <summary>Pairs with a modality or task type added after the first lists, from position 105 on (none yet).</summary>
    private static readonly (string Modality, string TaskType)[] AppendedPairs = [];

    /// <summary>Industry domains by position; a new domain is appended.</summary>
    private static readonly string[] DomainOrder =
    [
        "agriculture", "manufacturing", "transport", "healthcare", "finance", "science", "government_services", "urban_governance",
        "rural_revitalization", "autonomous_driving", "low_altitude_economy", "digital_trade", "human_resources", "information_services",
        "education", "energy", "other",
    ];

    /// <summary>Designations by position; a new designation is appended.</summary>
    private static readonly string[] DesignationOrder = ["leading", "gazelle", "unicorn", "sti"];

    public const int CapabilityCapacity = 128;

    /// <summary>The stored position of every capability pair.</summary>
    public static IReadOnlyDictionary<(string Modality, string TaskType), int> CapabilityPositions { get; } = BuildCapabilityPositions();

    public static IReadOnlyDictionary<string, int> DomainPositions { get; } = Positions(DomainOrder, IndustryDomains.All, "domain");

    public static IReadOnlyDictionary<string, int> DesignationPositions { get; } = Positions(DesignationOrder, Designations.All, "designation");

    /// <summary>The bits of an enterprise's capabilities.</summary>
    public static (long Lo, long Hi) OfCapabilities(IEnumerable<(string Modality, string TaskType)> capabilities)
    {
        long lo = 0, hi = 0;
        foreach (var pair in capabilities) Set(CapabilityPositions[pair], ref lo, ref hi);
        return (lo, hi);
    }

    /// <summary>
    /// The bits a capability filter matches: every pair of one of <paramref name="modalities"/> with one of
    /// <paramref name="taskTypes"/>; an empty list stands for the whole list.
    /// </summary>
    public static (long Lo, long Hi) CapabilityMask(IReadOnlyCollection<string> modalities, IReadOnlyCollection<string> taskTypes)
    {
        long lo = 0, hi = 0;
        foreach (var ((modality, taskType), position) in CapabilityPositions)
            if ((modalities.Count == 0 || modalities.Contains(modality)) && (taskTypes.Count == 0 || taskTypes.Contains(taskType)))
                Set(position, ref lo, ref hi);
        return (lo, hi);
    }

    /// <summary>The bits of a set of domains (an enterprise's, or a filter's).</summary>
    public static long OfDomains(IEnumerable<string> domains) => domains.Aggregate(0L, (bits, d) => bits | 1L << DomainPositions[d]);

    /// <summary>The bits of a set of designations (an enterprise's active ones, or a filter's).</summary>
    public static long OfDesignations(IEnumerable<string> designations) =>
        designations.Aggregate(0L, (bits, d) => bits | 1L << DesignationPositions[d]);

    /// <summary>
    /// The stored bit sets computed in SQL from the list rows of the enterprise <c>{directory}.enterprise_id</c>: the sum of the distinct
    /// bit values of its rows is their union. Used to fill existing rows when the columns are added.
    /// </summary>
    public static string CapabilityBitsSql(string directory, bool hi) => SumOfBits(
        "enterprise_capabilities", directory, "", CapabilityPositions.Where(p => p.Value / 64 == (hi ? 1 : 0))
            .Select(p => ($"c.modality = '{p.Key.Modality}' and c.task_type = '{p.Key.TaskType}'", p.Value % 64)));

    public static string DomainBitsSql(string directory) =>
        SumOfBits("enterprise_domains", directory, "", DomainPositions.Select(p => ($"c.domain_code = '{p.Key}'", p.Value)));

    /// <summary>Only the designations not withdrawn, as the search has always matched them.</summary>
    public static string DesignationBitsSql(string directory) =>
        SumOfBits("enterprise_designations", directory, " and c.withdrawn_on is null", DesignationPositions.Select(p => ($"c.designation = '{p.Key}'", p.Value)));

    private static string SumOfBits(string table, string directory, string condition, IEnumerable<(string When, int Position)> bits) => $"""
        cast(coalesce((select sum(distinct case {string.Join(" ", bits.Select(b => $"when {b.When} then {Bit(b.Position)}"))} else 0 end)
            from {table} c where c.enterprise_id = {directory}.enterprise_id{condition}), 0) as bigint)
        """;

    // Bit 63 is the sign bit of a 64-bit integer; written as a sum, so that no provider reads a literal beyond the bigint range.
    private static string Bit(int position) => position == 63
        ? "(-9223372036854775807 - 1)"
        : (1L << position).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Set(int position, ref long lo, ref long hi)
    {
        if (position < 64) lo |= 1L << position;
        else hi |= 1L << (position - 64);
    }

    private static Dictionary<(string, string), int> BuildCapabilityPositions()
    {
        var positions = new Dictionary<(string, string), int>();
        for (var m = 0; m < FirstModalities.Length; m++)
            for (var t = 0; t < FirstTaskTypes.Length; t++)
                positions.Add((FirstModalities[m], FirstTaskTypes[t]), m * FirstTaskTypes.Length + t);
        foreach (var pair in AppendedPairs) positions.Add(pair, positions.Count);
        var missing = Modalities.All.SelectMany(m => TaskTypes.All.Select(t => (m.Code, t.Code))).Where(p => !positions.ContainsKey(p)).ToList();
        if (missing.Count > 0 || positions.Count > CapabilityCapacity)
            throw new InvalidOperationException(
                $"Every capability pair needs a stored bit position (append new pairs to {nameof(AppendedPairs)}; at most {CapabilityCapacity}): "
                + string.Join(", ", missing));
        return positions;
    }

    private static Dictionary<string, int> Positions(string[] order, IReadOnlyList<ReferenceItem> list, string what)
    {
        var missing = list.Select(i => i.Code).Except(order).ToList();
        if (missing.Count > 0 || order.Length > 63)
            throw new InvalidOperationException($"Every {what} needs a stored bit position (append it; at most 63): {string.Join(", ", missing)}");
        return order.Select((code, i) => (code, i)).ToDictionary(x => x.code, x => x.i);
    }
}
