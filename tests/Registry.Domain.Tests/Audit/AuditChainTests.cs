using System.Reflection;
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
    public void The_hash_is_SHA_256_hex()
    {
        Assert.Matches("^[0-9a-f]{64}$", AuditChain.Hash(Chain(1)[0].Entry));
    }

    /// <summary>The entry with one constructor argument replaced; every other argument is the entry's own value.</summary>
    private static AuditEntry With(AuditEntry entry, string field, object? value)
    {
        var constructor = typeof(AuditEntry).GetConstructors().Single(c => c.GetParameters().Length > 1);
        var arguments = constructor.GetParameters()
            .Select(p => p.Name == field ? value : typeof(AuditEntry).GetProperty(p.Name!, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)!.GetValue(entry))
            .ToArray();
        return (AuditEntry)constructor.Invoke(arguments);
    }

    private static object Changed(object? value) => value switch
    {
        long n => n + 1,
        DateTimeOffset t => t.AddTicks(1),
        string s => s + "x",
        _ => throw new InvalidOperationException($"Give a changed value for a field of type {value?.GetType().Name}."),
    };

    public static TheoryData<string> Fields() => [.. typeof(AuditEntry).GetConstructors().Single(c => c.GetParameters().Length > 1).GetParameters().Select(p => p.Name!)];

    // Enumerated from the record itself, so a field added later is covered (or this test says what value to try for its type).
    [Theory]
    [MemberData(nameof(Fields))]
    public void Changing_any_single_field_changes_the_hash(string field)
    {
        var entry = Chain(1)[0].Entry;
        var value = typeof(AuditEntry).GetProperty(field, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)!.GetValue(entry);

        var changed = With(entry, field, Changed(value));

        Assert.NotEqual(entry, changed);
        Assert.NotEqual(AuditChain.Hash(entry), AuditChain.Hash(changed));
    }

    [Fact]
    public void Swapping_two_fields_changes_the_hash()
    {
        var entry = Chain(1)[0].Entry with { EntityType = "base", EntityId = "demand" };
        Assert.NotEqual(AuditChain.Hash(entry), AuditChain.Hash(entry with { EntityType = "demand", EntityId = "base" }));
    }

    // Stored chains are verified again after every upgrade: the canonical form may never change.
    [Fact]
    public void The_canonical_form_is_stable_across_releases()
    {
        var entry = new AuditEntry(7, new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.FromHours(8)).AddTicks(1234567), "user-1", "CreateBase", "base",
            "id-1", new string('a', 64), AuditChain.Genesis);
        var canonical = string.Join('\u001f', "7", "2026-11-23T08:00:00.1234567Z", "user-1", "CreateBase", "base", "id-1", new string('a', 64), AuditChain.Genesis);

        Assert.Equal(new string('0', 64), AuditChain.Genesis);
        Assert.Equal(AuditChain.Sha256Hex(canonical), AuditChain.Hash(entry));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", AuditChain.Sha256Hex("abc"));
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
