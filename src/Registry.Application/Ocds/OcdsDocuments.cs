using System.Text.Json.Serialization;

namespace Registry.Application.Ocds;

// The Open Contracting Data Standard 1.1 documents the platform publishes (https://standard.open-contracting.org/1.1/), with
// the bids extension. Only what the platform knows is filled; an absent object is left out rather than null, because the
// schema allows null for plain values but not for objects.

/// <summary>What every package carries: OCDS 1.1, the extensions used, the publisher.</summary>
public static class OcdsPackage
{
    public const string Version = "1.1";

    /// <summary>The bids extension (<c>bids.details</c>): losing bids' prices and times, published after the award.</summary>
    public const string BidsExtension = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bids_extension/v1.1.5/extension.json";

    public static IReadOnlyList<string> Extensions { get; } = [BidsExtension];
}

/// <summary>A page of releases in feed order (docs/one-network.md, OCDS open data), as an OCDS 1.1 release package.</summary>
public sealed record OcdsReleasePackage
{
    /// <summary>This page's address.</summary>
    public required string Uri { get; init; }

    public string Version => OcdsPackage.Version;

    public IReadOnlyList<string> Extensions => OcdsPackage.Extensions;

    /// <summary>The date of the page's last release (of the last release before the cursor when the page holds none).</summary>
    public required DateTimeOffset PublishedDate { get; init; }

    public required OcdsPublisher Publisher { get; init; }

    public required IReadOnlyList<OcdsRelease> Releases { get; init; }

    /// <summary>The next page's address.</summary>
    public required OcdsLinks Links { get; init; }

    /// <summary>Where the next request resumes (pass it as <c>after</c>): after the page's last release, the cursor given when it has none.</summary>
    public required string Next { get; init; }

    /// <summary>True when the page reaches the last release there was when it was read: wait before asking again.</summary>
    public required bool CaughtUp { get; init; }
}

/// <summary>One contracting process (a demand) compiled, as an OCDS 1.1 record package holding one record.</summary>
public sealed record OcdsRecordPackage
{
    public required string Uri { get; init; }

    public string Version => OcdsPackage.Version;

    public IReadOnlyList<string> Extensions => OcdsPackage.Extensions;

    /// <summary>The date of the process's last release.</summary>
    public required DateTimeOffset PublishedDate { get; init; }

    public required OcdsPublisher Publisher { get; init; }

    public required IReadOnlyList<OcdsRecord> Records { get; init; }
}

public sealed record OcdsRecord(string Ocid, IReadOnlyList<OcdsRelease> Releases, OcdsRelease CompiledRelease);

public sealed record OcdsPublisher(string Name);

public sealed record OcdsLinks(string Next);

/// <summary>
/// One release: the whole contracting process as it stood right after one public event (tag says which kind), so the
/// latest release is also the compiled one. Releases are never changed once the event has happened.
/// </summary>
public sealed record OcdsRelease
{
    public required string Ocid { get; init; }

    /// <summary>The ocid and the release's position: unique, and stable across rebuilds of the projection.</summary>
    public required string Id { get; init; }

    public required DateTimeOffset Date { get; init; }

    public required IReadOnlyList<string> Tag { get; init; }

    public string InitiationType => "tender";

    public string Language => "zh";

    public required IReadOnlyList<OcdsParty> Parties { get; init; }

    public required OcdsOrganizationReference Buyer { get; init; }

    public required OcdsTender Tender { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<OcdsAward>? Awards { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<OcdsContract>? Contracts { get; init; }

    /// <summary>The bids extension: every opened bid, only from the award on.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OcdsBids? Bids { get; init; }
}

/// <summary>An organization taking part: its public name, credit code and region, never a contact.</summary>
public sealed record OcdsParty(string Id, string Name, OcdsIdentifier Identifier, OcdsAddress Address, IReadOnlyList<string> Roles);

public sealed record OcdsIdentifier(string Scheme, string Id, string LegalName);

public sealed record OcdsAddress(string Region, string CountryName);

public sealed record OcdsOrganizationReference(string Id, string Name);

public sealed record OcdsValue(decimal Amount, string Currency);

public sealed record OcdsPeriod
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? StartDate { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? EndDate { get; init; }
}

public sealed record OcdsTender
{
    /// <summary>The demand's number (需求编号).</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string Description { get; init; }

    public required string Status { get; init; }

    public required OcdsOrganizationReference ProcuringEntity { get; init; }

    public required IReadOnlyList<OcdsItem> Items { get; init; }

    /// <summary>The budget ceiling (预算上限).</summary>
    public required OcdsValue Value { get; init; }

    public string ProcurementMethod => "open";

    public string MainProcurementCategory => "services";

    public required string AwardCriteria { get; init; }

    public IReadOnlyList<string> SubmissionMethod { get; } = ["electronicSubmission"];

    public required OcdsPeriod TenderPeriod { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OcdsPeriod? AwardPeriod { get; init; }

    public required OcdsPeriod ContractPeriod { get; init; }

    public required bool HasEnquiries { get; init; }

    /// <summary>Only from the award on: before it not even the count of bids is published.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? NumberOfTenderers { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<OcdsOrganizationReference>? Tenderers { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<OcdsAmendment>? Amendments { get; init; }
}

/// <summary>The labeling work asked for: task type, modality and volume.</summary>
public sealed record OcdsItem(string Id, string Description, OcdsClassification Classification, decimal Quantity, OcdsUnit Unit);

public sealed record OcdsClassification(string Scheme, string Id, string Description);

public sealed record OcdsUnit(string Name);

/// <summary>A change to the tender after its first release (a later bidding deadline).</summary>
public sealed record OcdsAmendment
{
    public required string Id { get; init; }

    public required DateTimeOffset Date { get; init; }

    public required string Description { get; init; }

    [JsonPropertyName("amendsReleaseID")]
    public required string AmendsReleaseId { get; init; }

    [JsonPropertyName("releaseID")]
    public required string ReleaseId { get; init; }
}

public sealed record OcdsAward
{
    public required string Id { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset Date { get; init; }

    public required OcdsValue Value { get; init; }

    public required IReadOnlyList<OcdsOrganizationReference> Suppliers { get; init; }

    /// <summary>The winning bid's id in <c>bids.details</c> (bids extension).</summary>
    public required string RelatedBid { get; init; }
}

public sealed record OcdsContract
{
    public required string Id { get; init; }

    [JsonPropertyName("awardID")]
    public required string AwardId { get; init; }

    public required string Status { get; init; }

    /// <summary>How a terminated contract ended: completed (an accepted delivery) or terminated by the agency, with its reason.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StatusDetails { get; init; }

    public required OcdsValue Value { get; init; }

    /// <summary>When the agency signed it, after the publicity period; absent while pending and for a cancelled (annulled) contract.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? DateSigned { get; init; }

    public required OcdsPeriod Period { get; init; }
}

public sealed record OcdsBids(IReadOnlyList<OcdsBid> Details);

/// <summary>One opened bid (bids extension): its bidder, price and submission time, valid or disqualified.</summary>
public sealed record OcdsBid(string Id, DateTimeOffset Date, string Status, IReadOnlyList<OcdsOrganizationReference> Tenderers, OcdsValue Value);
