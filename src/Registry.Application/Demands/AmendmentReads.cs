using System.Text.Json;
using Registry.Application.Common;

namespace Registry.Application.Demands;

/// <summary>A published amendment: its number, reason, what changed (each field's value before and after) and the deadline before and after.</summary>
public sealed record AmendmentView(int Number, string Reason, IReadOnlyDictionary<string, JsonElement> Changes, DateTimeOffset DeadlineBefore,
    DateTimeOffset DeadlineAfter, DateTimeOffset PublishedAt);

internal static class AmendmentReads
{
    public static async Task<IReadOnlyList<AmendmentView>> ListAsync(IQueryDb db, Guid demandId, CancellationToken ct) =>
        (await db.QueryAsync<Row>(ListSql, new { demandId }, ct))
        .Select(r => new AmendmentView(r.Number, r.Reason, JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(r.Changes, Ledger.Json)!,
            r.DeadlineBefore, r.DeadlineAfter, r.PublishedAt)).ToList();

    private sealed record Row
    {
        public int Number { get; init; }
        public string Reason { get; init; } = "";
        public string Changes { get; init; } = "{}";
        public DateTimeOffset DeadlineBefore { get; init; }
        public DateTimeOffset DeadlineAfter { get; init; }
        public DateTimeOffset PublishedAt { get; init; }
    }

    private static readonly Sql ListSql = new("""
        select number, reason, changes, deadline_before, deadline_after, published_at from demand_amendments where demand_id = @demandId order by number
        """);
}
