using System.Numerics;
using Registry.Domain.Reference;

namespace Registry.Domain.Matching;

/// <summary>
/// A set of (modality, task type) pairs as 128 bits, one per pair of the reference lists (7 × 15 = 105), so "declares every
/// task type of the demand" is two AND-compares. A pair outside the reference lists cannot be a bit: <see cref="HasUnknown"/>
/// says one was left out, and the index then asks the declared list itself.
/// </summary>
public readonly record struct CapabilitySet(ulong Low, ulong High, bool HasUnknown)
{
    private static readonly Dictionary<string, int> ModalityIndex =
        Modalities.All.Select((m, i) => (m.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);

    private static readonly Dictionary<string, int> TaskTypeIndex =
        TaskTypes.All.Select((t, i) => (t.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);

    public static CapabilitySet Of(IEnumerable<(string Modality, string TaskType)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ulong low = 0, high = 0;
        var unknown = false;
        foreach (var (modality, taskType) in pairs)
        {
            if (!ModalityIndex.TryGetValue(modality, out var m) || !TaskTypeIndex.TryGetValue(taskType, out var t))
            {
                unknown = true;
                continue;
            }
            var bit = m * TaskTypes.All.Count + t;
            if (bit < 64) low |= 1UL << bit;
            else high |= 1UL << (bit - 64);
        }
        return new CapabilitySet(low, high, unknown);
    }

    /// <summary>How many pairs the reference lists make, each one bit: bits 0 to <see cref="PairCount"/> − 1.</summary>
    public static int PairCount { get; } = Modalities.All.Count * TaskTypes.All.Count;

    public int Count => BitOperations.PopCount(Low) + BitOperations.PopCount(High);

    /// <summary>Whether the pair numbered <paramref name="bit"/> is in the set.</summary>
    public bool Has(int bit) => bit < 64 ? (Low & (1UL << bit)) != 0 : (High & (1UL << (bit - 64))) != 0;

    /// <summary>The numbers of the pairs in the set, lowest first.</summary>
    public int[] Bits()
    {
        var bits = new int[Count];
        var at = 0;
        for (var low = Low; low != 0; low &= low - 1) bits[at++] = BitOperations.TrailingZeroCount(low);
        for (var high = High; high != 0; high &= high - 1) bits[at++] = 64 + BitOperations.TrailingZeroCount(high);
        return bits;
    }

    /// <summary>Every pair of <paramref name="required"/> is in this set.</summary>
    public bool Covers(CapabilitySet required) => (Low & required.Low) == required.Low && (High & required.High) == required.High;

    /// <summary>How many pairs of <paramref name="required"/> are in this set.</summary>
    public int CountCovered(CapabilitySet required) =>
        BitOperations.PopCount(Low & required.Low) + BitOperations.PopCount(High & required.High);
}
