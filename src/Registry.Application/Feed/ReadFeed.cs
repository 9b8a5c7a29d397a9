using System.Collections.Frozen;
using System.Text.Json;
using Dapper;
using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Events;

namespace Registry.Application.Feed;

/// <summary>One public change: what happened to which entity, when, and the event's fields (docs/events.md).</summary>
public sealed record FeedItem
{
    /// <summary>Resume after this item: pass it as <c>after</c>.</summary>
    public required string Cursor { get; init; }

    /// <summary>The event's name, e.g. <c>demand.awarded</c>; readers skip names they do not know.</summary>
    public required string Type { get; init; }

    /// <summary>The event's version: a new version changes a field's meaning or drops one.</summary>
    public required int Version { get; init; }

    public required string EntityType { get; init; }

    public required string EntityId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The event's fields in camelCase, as docs/events.md lists them; readers ignore fields they do not know.</summary>
    public required JsonElement Payload { get; init; }
}

/// <summary>A page of the feed: the public events after the cursor given, in commit order.</summary>
public sealed record FeedPage
{
    public required IReadOnlyList<FeedItem> Items { get; init; }

    /// <summary>Where the next request resumes: past every event this page looked at, shown or not.</summary>
    public required string Next { get; init; }

    /// <summary>True when the page reaches the last event committed when it was read: wait (or long-poll) before asking again.</summary>
    public required bool CaughtUp { get; init; }
}

/// <summary>
/// The change feed (docs/one-network.md): every public event of the outbox after a cursor, in commit order. Sequences are
/// given under the ledger head's lock, held to commit, so they become visible in order and without gaps; a reader that
/// resumes from the last cursor it saw therefore neither misses nor repeats an event, and the page still ends before any gap
/// it would meet. With <see cref="Wait"/> an empty answer is held until something commits, up to that many seconds.
/// </summary>
[Public]
public sealed record ReadFeed(string? After, int Limit = ReadFeed.DefaultLimit, int Wait = 0) : IQuery<FeedPage>
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
    public const int MaxWait = 30;
}

public sealed class ReadFeedValidator : AbstractValidator<ReadFeed>
{
    public ReadFeedValidator()
    {
        RuleFor(x => x.After).Must(c => FeedCursor.TryRead(c, out _))
            .WithMessage("after is a cursor this feed gave (an item's cursor or a page's next), or absent to start from the beginning.");
        RuleFor(x => x.Limit).InclusiveBetween(1, ReadFeed.MaxLimit);
        RuleFor(x => x.Wait).InclusiveBetween(0, ReadFeed.MaxWait);
    }
}

// Each page is read on a connection of its own, returned to the pool at once, rather than on the request's read session:
// a long poll would otherwise hold a connection for as long as it waits.
internal sealed class ReadFeedHandler(IConnectionFactory connections, OutboxWatch watch, TimeProvider clock) : IRequestHandler<ReadFeed, FeedPage>
{
    /// <summary>Events looked at per query, and at most per page, so that a long run of private events cannot make one request slow.</summary>
    private const int Batch = 500, MostLookedAt = 5_000;

    private static readonly FrozenSet<string> PublicTypes =
        DomainEventTypes.All.Where(d => d.Public).Select(d => d.Name).ToFrozenSet(StringComparer.Ordinal);

    public async Task<FeedPage> Handle(ReadFeed q, CancellationToken ct)
    {
        FeedCursor.TryRead(q.After, out var after);
        var until = clock.GetUtcNow().AddSeconds(q.Wait);
        while (true)
        {
            var remaining = until - clock.GetUtcNow();
            if (remaining > TimeSpan.Zero && watch.Head <= after) await watch.WaitBeyondAsync(after, remaining, ct);
            var page = await PageAsync(after, q.Limit, ct);
            // Only private events committed: keep waiting past them, so a long poll answers with something to read.
            if (page.Items.Count > 0 || !page.CaughtUp || until <= clock.GetUtcNow()) return page;
            FeedCursor.TryRead(page.Next, out after);
        }
    }

    private async Task<FeedPage> PageAsync(long after, int limit, CancellationToken ct)
    {
        await using var connection = await connections.OpenReadAsync(ct);
        var items = new List<FeedItem>();
        var next = after;
        var lookedAt = 0;
        while (true)
        {
            var rows = (await connection.QueryAsync<Row>(new CommandDefinition(EventsSql.For(connections.Dialect),
                SqlParameters.Of(new { after = next, offset = 0, limit = Batch }), cancellationToken: ct))).AsList();
            foreach (var row in rows)
            {
                // A gap is a commit not yet visible to this connection: the page ends before it.
                if (row.Seq != next + 1) return Page(items, next, caughtUp: true);
                next = row.Seq;
                lookedAt++;
                if (PublicTypes.Contains(row.Type)) items.Add(Item(row));
                if (items.Count == limit) return Page(items, next, caughtUp: false);
            }
            if (rows.Count < Batch) return Page(items, next, caughtUp: true);
            if (lookedAt >= MostLookedAt) return Page(items, next, caughtUp: false);
        }
    }

    private static FeedPage Page(List<FeedItem> items, long next, bool caughtUp) => new() { Items = items, Next = FeedCursor.Of(next), CaughtUp = caughtUp };

    private static FeedItem Item(Row row)
    {
        using var payload = JsonDocument.Parse(row.Payload);
        return new FeedItem
        {
            Cursor = FeedCursor.Of(row.Seq), Type = row.Type, Version = row.Version, EntityType = row.EntityType, EntityId = row.EntityId,
            OccurredAt = row.OccurredAt, Payload = payload.RootElement.Clone(),
        };
    }

    private sealed record Row
    {
        public long Seq { get; init; }
        public string Type { get; init; } = "";
        public int Version { get; init; }
        public string EntityType { get; init; } = "";
        public string EntityId { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public string Payload { get; init; } = "{}";
    }

    private static readonly Sql EventsSql = new(d => $"""
        select seq, type, version, entity_type, entity_id, occurred_at, payload from outbox where seq > @after order by seq {d.Page}
        """);
}
