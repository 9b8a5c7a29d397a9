using System.Text.Json;
using Dapper;
using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Regions;

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

    /// <summary>Where the next request resumes: after the last item of this page (the cursor given when it has none).</summary>
    public required string Next { get; init; }

    /// <summary>True when the page reaches the last public event there was when it was read: wait (or long-poll) before asking again.</summary>
    public required bool CaughtUp { get; init; }
}

/// <summary>
/// The change feed (docs/one-network.md): every public event after a cursor, in commit order. The cursor is a feed position
/// (<see cref="PublicFeedProjection"/>), which counts public events only; positions become visible in order and without
/// gaps, so a reader that resumes from the last cursor it saw neither misses nor repeats an event, and a page still ends
/// before any gap it would meet. With <see cref="Wait"/> an empty answer is held until a public event is there, up to that
/// many seconds. With <see cref="Region"/> (a province or a city) the answer is that region's slice: the public events whose
/// subject lies in it, numbered per slice, with cursors of that slice.
/// </summary>
[Public]
public sealed record ReadFeed(string? After, int Limit = ReadFeed.DefaultLimit, int Wait = 0, string? Region = null) : IQuery<FeedPage>
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
    public const int MaxWait = 30;
}

public sealed class ReadFeedValidator : AbstractValidator<ReadFeed>
{
    public ReadFeedValidator(RegionDirectory regions)
    {
        RuleFor(x => x.Region!).KnownProvinceOrCity(regions).When(x => x.Region is not null);
        RuleFor(x => x.After!).PlainText(40).When(x => x.After is not null);
        RuleFor(x => x.After).Must((q, c) => FeedCursor.TryRead(c, out _, q.Region))
            .When(x => x.Region is null || regions.ProvinceOrCityProblem(x.Region) is null)
            .WithMessage(_ => Texts.Get("validation.feed_cursor"));
        RuleFor(x => x.Limit).InclusiveBetween(1, ReadFeed.MaxLimit);
        RuleFor(x => x.Wait).InclusiveBetween(0, ReadFeed.MaxWait);
    }
}

// Each page is read on a connection of its own, returned to the pool at once, rather than on the request's read session:
// a long poll would otherwise hold a connection for as long as it waits.
internal sealed class ReadFeedHandler(IConnectionFactory connections, FeedWatch watch, TimeProvider clock) : IRequestHandler<ReadFeed, FeedPage>
{
    public async Task<FeedPage> Handle(ReadFeed q, CancellationToken ct)
    {
        FeedCursor.TryRead(q.After, out var after, q.Region);
        var until = clock.GetUtcNow().AddSeconds(q.Wait);
        while (true)
        {
            var remaining = until - clock.GetUtcNow();
            if (q.Region is not null)
            {
                // A slice's positions are not the whole feed's: wait for any public event after the last one known, then look at the slice again.
                var head = watch.Head;
                var slice = await PageAsync(after, q.Limit, q.Region, ct);
                if (slice.Items.Count > 0 || remaining <= TimeSpan.Zero) return slice;
                await watch.WaitBeyondAsync(head, remaining, ct);
                if (until <= clock.GetUtcNow()) return slice;
                continue;
            }
            if (remaining > TimeSpan.Zero && watch.Head <= after) await watch.WaitBeyondAsync(after, remaining, ct);
            var page = await PageAsync(after, q.Limit, null, ct);
            if (page.Items.Count > 0 || until <= clock.GetUtcNow()) return page;
            // The watcher saw a later position that this connection does not yet (a lagging replica): look again a moment later, not at once.
            if (watch.Head > after) await Task.Delay(FeedWatch.Interval, clock, ct);
        }
    }

    private async Task<FeedPage> PageAsync(long after, int limit, string? region, CancellationToken ct)
    {
        await using var connection = await connections.OpenReadAsync(ct);
        var sql = region is null ? EventsSql : RegionEventsSql;
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(sql.For(connections.Dialect),
            SqlParameters.Of(new { after, offset = 0, limit, region }), cancellationToken: ct))).AsList();
        var items = new List<FeedItem>();
        var next = after;
        foreach (var row in rows)
        {
            // A gap is a position not yet visible to this connection: the page ends before it.
            if (row.Position != next + 1) return Page(items, next, region, caughtUp: true);
            next = row.Position;
            items.Add(Item(row, region));
        }
        return Page(items, next, region, caughtUp: rows.Count < limit);
    }

    private static FeedPage Page(List<FeedItem> items, long next, string? region, bool caughtUp) =>
        new() { Items = items, Next = FeedCursor.Of(next, region), CaughtUp = caughtUp };

    private static FeedItem Item(Row row, string? region)
    {
        using var payload = JsonDocument.Parse(row.Payload);
        return new FeedItem
        {
            Cursor = FeedCursor.Of(row.Position, region), Type = row.Type, Version = row.Version, EntityType = row.EntityType, EntityId = row.EntityId,
            OccurredAt = row.OccurredAt, Payload = payload.RootElement.Clone(),
        };
    }

    private sealed record Row
    {
        public long Position { get; init; }
        public string Type { get; init; } = "";
        public int Version { get; init; }
        public string EntityType { get; init; } = "";
        public string EntityId { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
        public string Payload { get; init; } = "{}";
    }

    private static readonly Sql EventsSql = new(d => $"""
        select f.position, o.type, o.version, o.entity_type, o.entity_id, o.occurred_at, o.payload
        from feed_events f join outbox o on o.seq = f.seq
        where f.position > @after order by f.position {d.Page}
        """);

    private static readonly Sql RegionEventsSql = new(d => $"""
        select f.position, o.type, o.version, o.entity_type, o.entity_id, o.occurred_at, o.payload
        from feed_region_events f join outbox o on o.seq = f.seq
        where f.region_code = @region and f.position > @after order by f.position {d.Page}
        """);
}
