using System.Reflection;
using Registry.Domain.Audit;

namespace Registry.Domain.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid Organization = Guid.Parse("0193a1b2-0000-7000-8000-000000000001");

    private static List<OutboxRecord> Events(long auditSeq) =>
        [new(auditSeq * 10, Guid.Parse($"0193a1b2-0000-7000-8000-{auditSeq:D12}"), T0.AddSeconds(auditSeq), "base.created", 1, "base", "id-" + auditSeq, "{\"n\":1}", auditSeq)];

    private static List<StoredAuditRecord> Chain(int length)
    {
        var chain = new List<StoredAuditRecord>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= length; i++)
        {
            var outbox = AuditChain.OutboxHash(Events(i));
            var entry = new AuditEntry(i, T0.AddSeconds(i), "user-" + i, Organization, "CreateBase", "base", "id-" + i, new string('a', 64), outbox, previous);
            previous = AuditChain.Hash(entry);
            chain.Add(new StoredAuditRecord(entry, AuditChain.Version, previous, outbox));
        }
        return chain;
    }

    [Fact]
    public void An_untouched_chain_is_intact() => Assert.Null(AuditChain.FirstBreak(Chain(5)));

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

    private static object? Changed(object? value) => value switch
    {
        long n => n + 1,
        int n => n + 1,
        DateTimeOffset t => t.AddTicks(1),
        string s => s + "x",
        Guid => Guid.NewGuid(),
        _ => throw new InvalidOperationException($"Give a changed value for a field of type {value?.GetType().Name}."),
    };

    public static TheoryData<string> Fields() => [.. typeof(AuditEntry).GetConstructors().Single(c => c.GetParameters().Length > 1).GetParameters().Select(p => p.Name!)];

    // Enumerated from the record itself (every column of the row but the hash and its form), so a field added later is covered.
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
    public void An_actor_without_an_organization_hashes_apart_from_one_with_an_organization()
    {
        var entry = Chain(1)[0].Entry;
        Assert.NotEqual(AuditChain.Hash(entry), AuditChain.Hash(entry with { ActorOrganizationId = null }));
    }

    public static TheoryData<string> OutboxFields() => [.. typeof(OutboxRecord).GetConstructors().Single(c => c.GetParameters().Length > 1).GetParameters().Select(p => p.Name!)];

    [Theory]
    [MemberData(nameof(OutboxFields))]
    public void Changing_any_field_of_an_outbox_row_changes_the_outbox_hash(string field)
    {
        var row = Events(1)[0];
        var constructor = typeof(OutboxRecord).GetConstructors().Single(c => c.GetParameters().Length > 1);
        var changed = (OutboxRecord)constructor.Invoke(constructor.GetParameters().Select(p =>
        {
            var value = typeof(OutboxRecord).GetProperty(p.Name!, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)!.GetValue(row);
            return p.Name == field ? Changed(value) : value;
        }).ToArray());

        Assert.NotEqual(AuditChain.OutboxHash([row]), AuditChain.OutboxHash([changed]));
    }

    [Fact]
    public void Removing_adding_or_reordering_outbox_rows_changes_the_outbox_hash()
    {
        var a = Events(1)[0];
        var b = Events(2)[0] with { AuditSequence = 1 };

        var hashes = new[] { AuditChain.OutboxHash([]), AuditChain.OutboxHash([a]), AuditChain.OutboxHash([a, b]), AuditChain.OutboxHash([b, a]) };

        Assert.Equal(hashes.Length, hashes.Distinct().Count());
    }

    [Fact]
    public void A_record_written_with_outbox_rows_that_were_changed_afterwards_is_an_outbox_break()
    {
        var chain = Chain(3);
        chain[1] = chain[1] with { CurrentOutboxHash = AuditChain.OutboxHash([Events(2)[0] with { Payload = "{\"n\":2}" }]) };

        Assert.Equal(new AuditBreak(2, AuditBreakKind.OutboxRewritten), AuditChain.FirstBreak(chain));
    }

    [Fact]
    public void Swapping_two_fields_changes_the_hash()
    {
        var entry = Chain(1)[0].Entry with { EntityType = "base", EntityId = "demand" };
        Assert.NotEqual(AuditChain.Hash(entry), AuditChain.Hash(entry with { EntityType = "demand", EntityId = "base" }));
    }

    // Stored chains are verified again after every upgrade: the canonical forms may never change.
    [Fact]
    public void The_canonical_forms_are_stable_across_releases()
    {
        var entry = new AuditEntry(7, new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.FromHours(8)).AddTicks(1234567), "user-1", Organization,
            "CreateBase", "base", "id-1", new string('a', 64), new string('b', 64), AuditChain.Genesis);
        var form1 = string.Join('\u001f', "7", "2026-11-23T08:00:00.1234567Z", "user-1", "CreateBase", "base", "id-1", new string('a', 64), AuditChain.Genesis);
        var form2 = "7:audit/2;1:7;28:2026-11-23T08:00:00.1234567Z;6:user-1;36:0193a1b2-0000-7000-8000-000000000001;10:CreateBase;4:base;4:id-1;"
            + $"64:{new string('a', 64)};64:{new string('b', 64)};64:{AuditChain.Genesis};";

        Assert.Equal(new string('0', 64), AuditChain.Genesis);
        Assert.Equal(AuditChain.Sha256Hex(form1), AuditChain.Hash(entry, 1));
        Assert.Equal(AuditChain.Sha256Hex(form2), AuditChain.Hash(entry));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", AuditChain.Sha256Hex("abc"));
    }

    [Fact]
    public void Field_boundaries_cannot_be_shifted()
    {
        var entry = Chain(1)[0].Entry with { Actor = "ab", Action = "c" };
        Assert.NotEqual(AuditChain.Hash(entry), AuditChain.Hash(entry with { Actor = "a", Action = "bc" }));
        // Form 2 is length-prefixed: not even a separator character inside a field can move a boundary.
        Assert.NotEqual(AuditChain.Hash(entry with { Actor = "a\u001fb", Action = "c" }), AuditChain.Hash(entry with { Actor = "a", Action = "b\u001fc" }));
    }

    [Fact]
    public void A_changed_record_is_found()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { Entry = chain[2].Entry with { ActorOrganizationId = Guid.NewGuid() } };

        Assert.Equal(new AuditBreak(3, AuditBreakKind.RecordRewritten), AuditChain.FirstBreak(chain));
    }

    [Fact]
    public void A_removed_record_is_found_at_its_position()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);

        Assert.Equal(new AuditBreak(2, AuditBreakKind.ChainBroken), AuditChain.FirstBreak(chain));
    }

    [Fact]
    public void A_recomputed_record_breaks_the_next_link()
    {
        var chain = Chain(5);
        var forged = chain[1].Entry with { Actor = "mallory" };
        chain[1] = chain[1] with { Entry = forged, Hash = AuditChain.Hash(forged) };

        Assert.Equal(new AuditBreak(3, AuditBreakKind.ChainBroken), AuditChain.FirstBreak(chain));
    }

    [Fact]
    public void A_record_cannot_fall_back_to_the_older_hash_form_that_left_columns_out()
    {
        var chain = Chain(3);
        var entry = chain[2].Entry with { ActorOrganizationId = Guid.NewGuid() };
        chain[2] = chain[2] with { Entry = entry, Version = 1, Hash = AuditChain.Hash(entry, 1) };

        Assert.Equal(new AuditBreak(3, AuditBreakKind.RecordRewritten), AuditChain.FirstBreak(chain));
    }

    [Fact]
    public void An_unknown_hash_form_is_a_rewritten_record()
    {
        var chain = Chain(2);
        chain[1] = chain[1] with { Version = 3 };

        Assert.Equal(new AuditBreak(2, AuditBreakKind.RecordRewritten), AuditChain.FirstBreak(chain));
    }
}
