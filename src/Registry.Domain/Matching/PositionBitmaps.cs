namespace Registry.Domain.Matching;

/// <summary>
/// Sets of index positions as bitmaps, one bit per position and 64 positions to a word, all grown together: the index keeps one
/// per condition of the eligibility rule, so a ranking tests 64 candidates with a few word operations.
/// </summary>
internal sealed class PositionBitmaps
{
    private readonly ulong[][] _sets;

    public PositionBitmaps(int sets)
    {
        _sets = new ulong[sets][];
        for (var i = 0; i < sets; i++) _sets[i] = new ulong[1];
    }

    /// <summary>How many words cover <paramref name="positions"/> positions.</summary>
    public static int WordsFor(int positions) => (positions + 63) >> 6;

    /// <summary>The word of the last of <paramref name="positions"/> positions with only the positions in use set.</summary>
    public static ulong LastWordMask(int positions) => (positions & 63) == 0 ? ulong.MaxValue : (1UL << (positions & 63)) - 1;

    /// <summary>The set's words; positions past the end of the index are never set.</summary>
    public ulong[] Words(int set) => _sets[set];

    public bool Contains(int set, int position)
    {
        var words = _sets[set];
        return (position >> 6) < words.Length && (words[position >> 6] & (1UL << (position & 63))) != 0;
    }

    public void Put(int set, int position, bool member)
    {
        Reserve(position + 1);
        ref var word = ref _sets[set][position >> 6];
        var bit = 1UL << (position & 63);
        word = member ? word | bit : word & ~bit;
    }

    /// <summary>Takes every set's bit of <paramref name="from"/> to <paramref name="to"/> and leaves <paramref name="from"/> in none.</summary>
    public void Move(int from, int to)
    {
        for (var set = 0; set < _sets.Length; set++)
        {
            Put(set, to, Contains(set, from));
            Put(set, from, false);
        }
    }

    private void Reserve(int positions)
    {
        var words = WordsFor(positions);
        if (words <= _sets[0].Length) return;
        var size = Math.Max(words, _sets[0].Length * 2);
        for (var set = 0; set < _sets.Length; set++) Array.Resize(ref _sets[set], size);
    }
}
