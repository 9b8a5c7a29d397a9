using System.Globalization;
using System.Text.Json;
using Registry.Domain.Demands;
using Registry.Domain.Reference;
using Registry.Domain.Time;

namespace Registry.Application.Ocds;

/// <summary>
/// Writes a demand's releases: each is the contracting process as it stood right after its event, built from that event and
/// the ones before it, never from anything later, so a release does not change once published and a release before the award
/// carries nothing of the bids. The mapping of the platform's states to OCDS codes is the table in docs/one-network.md.
/// </summary>
internal static class OcdsReleases
{
    /// <summary>The register of the Unified Social Credit Code (统一社会信用代码, GB 32100-2015) that parties are identified in.</summary>
    public const string IdentifierScheme = "CN-USCC";

    private const string Currency = "CNY";

    public static string ReleaseId(string ocid, long position) => ocid + "-" + position.ToString(CultureInfo.InvariantCulture);

    /// <summary>The releases of <paramref name="demand"/> for its rows, oldest first; <paramref name="bids"/> are its opened bids once awarded.</summary>
    public static IReadOnlyList<OcdsRelease> Of(OcdsReads.DemandFacts demand, IEnumerable<OcdsReads.ReleaseRow> rows, IReadOnlyList<OcdsReads.BidFacts> bids)
    {
        var releases = new List<OcdsRelease>();
        var agency = Reference(demand.Agency);
        var tender = new TenderState(TenderStatus.Active, demand.BidDeadline);
        Awarded? awarded = null;
        var cancelled = new List<Awarded>();
        string? previous = null;
        foreach (var row in rows)
        {
            var id = ReleaseId(demand.Ocid, row.Position);
            using var payload = JsonDocument.Parse(row.Payload);
            var fields = payload.RootElement;
            string[] tag;
            switch (row.Type)
            {
                case "demand.published":
                    tag = ["tender"];
                    tender = tender with { Start = row.OccurredAt, End = Date(fields, "bidDeadline") };
                    break;
                case "demand.deadline_extended":
                    tag = ["tenderAmendment"];
                    var extended = Date(fields, "bidDeadline");
                    tender = tender with
                    {
                        End = extended,
                        Amendments = [.. tender.Amendments, new OcdsAmendment
                        {
                            Id = id, Date = row.OccurredAt, AmendsReleaseId = previous ?? id, ReleaseId = id,
                            Description = FormattableString.Invariant($"The bidding deadline moved from {tender.End:O} to {extended:O}."),
                        }],
                    };
                    break;
                case "demand.amended":
                    tag = ["tenderAmendment"];
                    var amendedDeadline = Date(fields, "bidDeadline");
                    var changed = string.Join(", ", fields.GetProperty("changed").EnumerateArray().Select(c => c.GetString()));
                    tender = tender with
                    {
                        End = amendedDeadline,
                        Amendments = [.. tender.Amendments, new OcdsAmendment
                        {
                            Id = id, Date = row.OccurredAt, AmendsReleaseId = previous ?? id, ReleaseId = id,
                            Description = FormattableString.Invariant($"Amendment No. {fields.GetProperty("amendment").GetInt32()} changed {changed}")
                                + (fields.GetProperty("deadlineMoved").GetBoolean() ? FormattableString.Invariant($"; the bidding deadline moved to {amendedDeadline:O}") : "")
                                + ". Reason: " + fields.GetProperty("reason").GetString(),
                        }],
                    };
                    break;
                case "demand.clarified":
                    tag = ["tenderUpdate"];
                    tender = tender with { HasEnquiries = true };
                    break;
                case "demand.closed":
                    tag = ["tenderUpdate"];
                    tender = tender with
                    {
                        End = demand.BidDeadline, Closed = row.OccurredAt,
                        Status = fields.GetProperty("status").GetString() == DemandStatus.Unsuccessful ? TenderStatus.Unsuccessful : TenderStatus.Active,
                    };
                    break;
                case "demand.awarded":
                    tag = ["award", "contract"];
                    tender = tender with { Status = TenderStatus.Complete };
                    awarded = new Awarded(row.OccurredAt, fields.GetProperty("contractNumber").GetString()!, fields.GetProperty("value").GetDecimal(),
                        fields.GetProperty("enterpriseId").GetGuid(), fields.GetProperty("bidId").GetGuid(), ContractStatus.Pending, null);
                    break;
                case "contract.signed" when awarded is not null:
                    tag = ["contract"];
                    awarded = awarded with { ContractStatus = ContractStatus.Active, Signed = row.OccurredAt };
                    break;
                case "contract.annulled" when awarded is not null:
                    // The annulled award stays on record as cancelled; the tender is open for evaluation and a new award again.
                    tag = ["awardUpdate", "contractUpdate"];
                    cancelled.Add(awarded with
                    {
                        AwardStatus = "cancelled", ContractStatus = ContractStatus.Cancelled, Details = fields.GetProperty("reason").GetString(),
                    });
                    awarded = null;
                    tender = tender with { Status = TenderStatus.Active };
                    break;
                case "demand.cancelled":
                    tag = ["tenderCancellation"];
                    tender = tender with { Status = TenderStatus.Cancelled };
                    break;
                case "demand.unsuccessful":
                    tag = ["tenderUpdate"];
                    tender = tender with { Status = TenderStatus.Unsuccessful };
                    break;
                case "contract.completed" when awarded is not null:
                    tag = ["contractTermination"];
                    awarded = awarded with { ContractStatus = ContractStatus.Terminated, Details = "completed: a delivery was accepted" };
                    break;
                case "contract.terminated" when awarded is not null:
                    tag = ["contractTermination"];
                    awarded = awarded with
                    {
                        ContractStatus = ContractStatus.Terminated,
                        Details = "terminated by the buyer after the due date without an accepted delivery: " + fields.GetProperty("reason").GetString(),
                    };
                    break;
                default:
                    throw new InvalidOperationException($"Release {id} comes from an event ({row.Type}) that is not a release of its demand.");
            }
            releases.Add(Release(demand, id, row.OccurredAt, tag, agency, tender, [.. cancelled, .. awarded is null ? Array.Empty<Awarded>() : [awarded]],
                awarded is null && cancelled.Count == 0 ? [] : bids));
            previous = id;
        }
        return releases;
    }

    /// <summary>The compiled release: the latest state of the process, which the latest release already is.</summary>
    public static OcdsRelease Compiled(IReadOnlyList<OcdsRelease> releases) =>
        releases[^1] with { Id = releases[^1].Ocid + "-compiled", Tag = ["compiled"] };

    /// <summary>OCDS tender status codes (closed codelist tenderStatus).</summary>
    public static class TenderStatus
    {
        public const string Active = "active";
        public const string Complete = "complete";
        public const string Cancelled = "cancelled";
        public const string Unsuccessful = "unsuccessful";
    }

    /// <summary>
    /// OCDS contract status codes (closed codelist contractStatus): pending until signed after the publicity period; completion
    /// and termination both end a contract; an annulled award's contract was never signed, so it is cancelled.
    /// </summary>
    public static class ContractStatus
    {
        public const string Pending = "pending";
        public const string Active = "active";
        public const string Cancelled = "cancelled";
        public const string Terminated = "terminated";
    }

    private sealed record TenderState(string Status, DateTimeOffset End)
    {
        public DateTimeOffset? Start { get; init; }
        public DateTimeOffset? Closed { get; init; }
        public bool HasEnquiries { get; init; }
        public IReadOnlyList<OcdsAmendment> Amendments { get; init; } = [];
    }

    private sealed record Awarded(DateTimeOffset Date, string ContractNumber, decimal Value, Guid Supplier, Guid Bid, string ContractStatus, string? Details)
    {
        public string AwardStatus { get; init; } = "active";
        public DateTimeOffset? Signed { get; init; }
    }

    private static DateTimeOffset Date(JsonElement fields, string name) => fields.GetProperty(name).GetDateTimeOffset();

    /// <param name="awards">The annulled awards (cancelled) and the current one, oldest first; empty before the first award.</param>
    private static OcdsRelease Release(OcdsReads.DemandFacts demand, string id, DateTimeOffset date, string[] tag, OcdsOrganizationReference agency,
        TenderState tender, IReadOnlyList<Awarded> awards, IReadOnlyList<OcdsReads.BidFacts> bids)
    {
        var current = awards.LastOrDefault(a => a.AwardStatus != "cancelled");
        var parties = new List<OcdsParty> { Party(demand.Agency, "buyer", "procuringEntity") };
        var tenderers = bids.Select(b => Reference(b.Bidder)).Distinct().ToList();
        foreach (var bidder in bids.DistinctBy(b => b.EnterpriseId))
            parties.Add(bidder.EnterpriseId == current?.Supplier ? Party(bidder.Bidder, "tenderer", "supplier") : Party(bidder.Bidder, "tenderer"));
        var dueEnd = new DateTimeOffset(demand.DueDate.ToDateTime(new TimeOnly(23, 59, 59)), ChinaTime.Offset);
        var decided = awards.Count > 0;
        return new OcdsRelease
        {
            Ocid = demand.Ocid, Id = id, Date = date, Tag = tag, Parties = parties, Buyer = agency,
            Tender = new OcdsTender
            {
                Id = demand.Number, Title = demand.Title, Description = demand.Description, Status = tender.Status, ProcuringEntity = agency,
                Items = [Item(demand)], Value = new OcdsValue(demand.BudgetCeiling, Currency),
                AwardCriteria = demand.EvaluationMethod == EvaluationMethod.LowestPrice ? "priceOnly" : "ratedCriteria",
                TenderPeriod = new OcdsPeriod { StartDate = tender.Start, EndDate = tender.End },
                AwardPeriod = tender.Closed is null ? null : new OcdsPeriod { StartDate = tender.Closed, EndDate = current?.Date },
                ContractPeriod = new OcdsPeriod { EndDate = dueEnd },
                HasEnquiries = tender.HasEnquiries,
                NumberOfTenderers = decided ? tenderers.Count : null,
                Tenderers = decided ? tenderers : null,
                Amendments = tender.Amendments.Count == 0 ? null : tender.Amendments,
            },
            Awards = decided ? [.. awards.Select(a => new OcdsAward
            {
                Id = a.ContractNumber, Status = a.AwardStatus, Date = a.Date, Value = new OcdsValue(a.Value, Currency),
                Suppliers = bids.FirstOrDefault(b => b.EnterpriseId == a.Supplier) is { } supplier ? [Reference(supplier.Bidder)] : [],
                RelatedBid = a.Bid.ToString(),
            })] : null,
            Contracts = decided ? [.. awards.Select(a => new OcdsContract
            {
                Id = a.ContractNumber, AwardId = a.ContractNumber, Status = a.ContractStatus, StatusDetails = a.Details,
                Value = new OcdsValue(a.Value, Currency), DateSigned = a.Signed,
                Period = new OcdsPeriod { StartDate = a.Signed ?? a.Date, EndDate = dueEnd },
            })] : null,
            Bids = decided ? new OcdsBids([.. bids.Select(b => new OcdsBid(b.Id.ToString(), b.SubmittedAt,
                b.Eligible == false ? "disqualified" : "valid", [Reference(b.Bidder)], new OcdsValue(b.Price, Currency)))]) : null,
        };
    }

    private static OcdsItem Item(OcdsReads.DemandFacts demand)
    {
        var taskTypes = demand.TaskTypes.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var modality = Modalities.All.FirstOrDefault(m => m.Code == demand.Modality)?.NameZh ?? demand.Modality;
        var names = taskTypes.Select(t => TaskTypes.All.FirstOrDefault(i => i.Code == t)?.NameZh ?? t);
        return new OcdsItem("1", $"数据标注服务：{modality}，{string.Join("、", names)}", new OcdsClassification("x_registry_task_type", taskTypes[0],
            TaskTypes.All.FirstOrDefault(i => i.Code == taskTypes[0])?.NameEn ?? taskTypes[0]), demand.Volume, new OcdsUnit(demand.VolumeUnit));
    }

    private static string PartyId(OcdsReads.OrganizationFacts organization) => IdentifierScheme + "-" + organization.CreditCode;

    private static OcdsOrganizationReference Reference(OcdsReads.OrganizationFacts organization) => new(PartyId(organization), organization.Name);

    private static OcdsParty Party(OcdsReads.OrganizationFacts organization, params string[] roles) =>
        new(PartyId(organization), organization.Name, new OcdsIdentifier(IdentifierScheme, organization.CreditCode, organization.Name),
            new OcdsAddress(organization.RegionName, "中国"), roles);
}
