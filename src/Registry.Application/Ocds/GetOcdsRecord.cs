using FluentValidation;
using MediatR;
using Registry.Application.Common;

namespace Registry.Application.Ocds;

/// <summary>
/// One contracting process (a published demand) as an OCDS 1.1 record package: every release so far, oldest first, and the
/// compiled release, its latest state. An ocid no published demand has, or one whose first release is not projected yet, is 404.
/// </summary>
[Public]
public sealed record GetOcdsRecord(string Ocid) : IQuery<OcdsRecordPackage>
{
    public string Origin { get; init; } = "http://localhost";
}

public sealed class GetOcdsRecordValidator : AbstractValidator<GetOcdsRecord>
{
    public GetOcdsRecordValidator()
    {
        RuleFor(x => x.Ocid).NotEmpty().PlainText(80);
        RuleFor(x => x.Origin).NotEmpty().PlainText(300);
    }
}

internal sealed class GetOcdsRecordHandler(IReadDb db, OcdsOptions options) : IRequestHandler<GetOcdsRecord, OcdsRecordPackage>
{
    public async Task<OcdsRecordPackage> Handle(GetOcdsRecord q, CancellationToken ct)
    {
        var demandId = await OcdsReads.DemandOfAsync(db, q.Ocid, ct) ?? throw new NotFound("contracting process", q.Ocid);
        var facts = await OcdsReads.ForDemandAsync(db, demandId, ct);
        if (facts.History.Count == 0 || facts.Demands.Count == 0) throw new NotFound("contracting process", q.Ocid);
        var releases = OcdsReleases.Of(facts.Demands[0], facts.History, facts.Bids);
        return new OcdsRecordPackage
        {
            Uri = $"{q.Origin}/api/v1/ocds/records/{Uri.EscapeDataString(q.Ocid)}",
            PublishedDate = releases[^1].Date,
            Publisher = new OcdsPublisher(options.PublisherName),
            Records = [new OcdsRecord(q.Ocid, releases, OcdsReleases.Compiled(releases))],
        };
    }
}
