using Registry.Domain.Audit;

namespace Registry.Domain.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static List<(AuditEntry Entry, string Hash)> Chain(int length)
    {
        var chain = new List<(AuditEntry, string)>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= length; i++)
        {
            var entry = new AuditEntry(i, T0.AddSeconds(i), "user-" + i, "CreateBase", "base", "id-" + i, new string('a', 64), previous);
            previous = AuditChain.Hash(entry);
            chain.Add((entry, previous));
        }
        return chain;
    }

    [Fact]
    public void An_untouched_chain_is_intact() => Assert.Null(AuditChain.FirstBroken(Chain(5)));

    [Fact]
    public void The_hash_is_SHA_256_hex_and_depends_on_every_field()
    {
        var entry = Chain(1)[0].Entry;
        var hash = AuditChain.Hash(entry);

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.NotEqual(hash, AuditChain.Hash(entry with { Actor = "other" }));
        Assert.NotEqual(hash, AuditChain.Hash(entry with { OccurredAt = entry.OccurredAt.AddTicks(10) }));
        Assert.NotEqual(hash, AuditChain.Hash(entry with { EntityId = "x" }));
        Assert.NotEqual(hash, AuditChain.Hash(entry with { PreviousHash = new string('1', 64) }));
    }

    [Fact]
    public void Field_boundaries_cannot_be_shifted()
    {
        var entry = Chain(1)[0].Entry with { Actor = "ab", Action = "c" };
        Assert.NotEqual(AuditChain.Hash(entry), AuditChain.Hash(entry with { Actor = "a", Action = "bc" }));
    }

    [Fact]
    public void A_changed_record_is_found()
    {
        var chain = Chain(5);
        chain[2] = (chain[2].Entry with { Actor = "mallory" }, chain[2].Hash);

        Assert.Equal(3, AuditChain.FirstBroken(chain));
    }

    [Fact]
    public void A_removed_record_is_found_at_its_position()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);

        Assert.Equal(2, AuditChain.FirstBroken(chain));
    }

    [Fact]
    public void A_recomputed_record_breaks_the_next_link()
    {
        var chain = Chain(5);
        var forged = chain[1].Entry with { Actor = "mallory" };
        chain[1] = (forged, AuditChain.Hash(forged));

        Assert.Equal(3, AuditChain.FirstBroken(chain));
    }
}
