using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Application.Feed;

namespace Registry.Application.Ocds;

/// <summary>
/// OCDS open data (docs/one-network.md): the releases after a cursor, in the order their events committed, as an OCDS 1.1
/// release package. Release positions become visible in order and without gaps (<see cref="OcdsReleaseProjection"/>) and a
/// page still ends before any gap it would meet, so a crawler resuming from the last cursor it saw neither misses nor repeats
/// a release. <see cref="Origin"/> is the address the host answers at, for the package's links.
/// </summary>
[Public]
public sealed record ReadOcdsReleases(string? After, int Limit = ReadOcdsReleases.DefaultLimit) : IQuery<OcdsReleasePackage>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public string Origin { get; init; } = "http://localhost";
}

public sealed class ReadOcdsReleasesValidator : AbstractValidator<ReadOcdsReleases>
{
    public ReadOcdsReleasesValidator()
    {
        RuleFor(x => x.After).Must(c => FeedCursor.TryRead(c, out _))
            .WithMessage(_ => Texts.Get("validation.ocds_cursor"));
        RuleFor(x => x.After!).PlainText(40).When(x => x.After is not null);
        RuleFor(x => x.Origin).NotEmpty().PlainText(300);
        RuleFor(x => x.Limit).InclusiveBetween(1, ReadOcdsReleases.MaxLimit);
    }
}

internal sealed class ReadOcdsReleasesHandler(IReadDb db, OcdsOptions options) : IRequestHandler<ReadOcdsReleases, OcdsReleasePackage>
{
    public async Task<OcdsReleasePackage> Handle(ReadOcdsReleases q, CancellationToken ct)
    {
        FeedCursor.TryRead(q.After, out var after);
        var rows = await OcdsReads.PageAsync(db, after, q.Limit, ct);
        // A gap is a position not yet visible to this connection: the page ends before it.
        var page = rows.Where((row, i) => row.Position == after + 1 + i).ToList();
        var caughtUp = page.Count < q.Limit;
        var last = page.Count == 0 ? after : page[^1].Position;
        var released = new List<(long Position, OcdsRelease Release)>();
        if (page.Count > 0)
        {
            var facts = await OcdsReads.ForPageAsync(db, after, last, ct);
            foreach (var demand in facts.Demands)
            {
                // Each release is written from its demand's history up to it; the page keeps those after the cursor.
                var history = facts.History.Where(r => r.DemandId == demand.Id).ToList();
                var bids = facts.Bids.Where(b => b.DemandId == demand.Id).ToList();
                released.AddRange(history.Zip(OcdsReleases.Of(demand, history, bids), (row, release) => (row.Position, release))
                    .Where(r => r.Position > after));
            }
        }
        var releases = released.OrderBy(r => r.Position).Select(r => r.Release).ToList();
        var next = FeedCursor.Of(last);
        return new OcdsReleasePackage
        {
            Uri = Address(q.Origin, q.After, q.Limit),
            PublishedDate = releases.Count > 0 ? releases[^1].Date : await OcdsReads.DateAtOrBeforeAsync(db, after, ct) ?? DateTimeOffset.UnixEpoch,
            Publisher = new OcdsPublisher(options.PublisherName),
            Releases = releases,
            Links = new OcdsLinks(Address(q.Origin, next, q.Limit)),
            Next = next,
            CaughtUp = caughtUp,
        };
    }

    private static string Address(string origin, string? after, int limit) =>
        $"{origin}/api/v1/ocds/releases?limit={limit}" + (string.IsNullOrEmpty(after) ? "" : "&after=" + Uri.EscapeDataString(after));
}
