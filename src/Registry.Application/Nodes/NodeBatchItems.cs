using FluentValidation;
using Registry.Application.Catalog;
using Registry.Application.Common;
using Registry.Application.Enterprises;
using Registry.Domain.Regions;

namespace Registry.Application.Nodes;

/// <summary>
/// A labeling enterprise as a regional node knows it, keyed by the node's own id for it. The first push registers the
/// enterprise (an organization of kind enterprise and its profile); later pushes update the profile. Legal name, credit code
/// and region are the organization's identity: a push never changes them (that is an audited identity change by the operator).
/// </summary>
public sealed record NodeEnterprise(string ExternalId, string LegalName, string? NameEn, string CreditCode, string RegionCode, string Address,
    DateOnly FoundedOn, EnterpriseContact Contact, Guid? BaseId, IReadOnlyList<Capability> Capabilities, IReadOnlyList<string> Domains,
    IReadOnlyDictionary<string, int> Talent, int TotalStaff, EnterpriseSecurity Security, IReadOnlyList<string> Tools) : IEnterpriseProfile;

/// <summary>
/// A public data labeling directory entry that an agency of the node's region compiled, keyed by the node's own id for it. The
/// agency is named by its unified social credit code and must already be registered on the platform, within the node's region.
/// With <see cref="Publish"/> (the default) the entry is published as pushed; otherwise its changes stay a draft for the agency.
/// </summary>
public sealed record NodeCatalogEntry(string ExternalId, string AgencyCreditCode, string Code, string Title, string Description, string Domain,
    IReadOnlyList<string> Modalities, IReadOnlyList<string> TaskTypes, decimal Volume, string VolumeUnit, string SecurityLevel, string Openness,
    string? OpennessConditions, string RegionCode, string SourceSystem, string UpdateFrequency, string Contact, bool Publish = true) : ICatalogContent
{
    public CreateCatalogEntry ToCreate() => new(Code, Title, Description, Domain, Modalities ?? [], TaskTypes ?? [], Volume, VolumeUnit, SecurityLevel,
        Openness, OpennessConditions, RegionCode, SourceSystem, UpdateFrequency, Contact);
}

public sealed class NodeEnterpriseValidator : EnterpriseProfileValidator<NodeEnterprise>
{
    public NodeEnterpriseValidator(RegionDirectory regions) : base(regions)
    {
        RuleFor(x => x.ExternalId).ExternalId();
        RuleFor(x => x.NameEn).Name(200);
        // Only market regulation issues codes beginning with 9 (enterprises): a node cannot enter a government body or a
        // social organization as a labeling enterprise.
        RuleFor(x => x.CreditCode).Must(code => code is null || code.StartsWith('9'))
            .WithMessage(_ => Texts.Get("validation.enterprise_credit_code"));
    }
}

public sealed class NodeCatalogEntryValidator : CatalogContentValidator<NodeCatalogEntry>
{
    public NodeCatalogEntryValidator(RegionDirectory regions) : base(regions)
    {
        RuleFor(x => x.ExternalId).ExternalId();
        RuleFor(x => x.AgencyCreditCode).NotEmpty().PlainText(18);
        RuleFor(x => x.Code).NotEmpty().MaximumLength(60).Matches(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z")
            .WithMessage(_ => Texts.Get("validation.catalog_code"));
    }
}

/// <summary>What became of one item of a batch.</summary>
public sealed record NodeItemResult
{
    public const string Created = "created", Updated = "updated", Unchanged = "unchanged", Conflict = "conflict", Error = "error";

    /// <summary><c>enterprise</c> or <c>catalogEntry</c>.</summary>
    public required string Kind { get; init; }

    public required string ExternalId { get; init; }

    /// <summary>created, updated, unchanged, conflict (the platform's record was not touched: see <see cref="Message"/>) or error (see <see cref="Errors"/>).</summary>
    public required string Outcome { get; init; }

    /// <summary>The platform's id of the record (null when an error left nothing to point at).</summary>
    public Guid? Id { get; init; }

    /// <summary>Field messages of an item in error, keyed by the item's field name.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>Why an item is a conflict, or a rule an item in error broke.</summary>
    public string? Message { get; init; }
}

/// <summary>The answer to a batch: a result per item, enterprises first, each list in the order sent; and the counts.</summary>
public sealed record NodeBatchReport(int Created, int Updated, int Unchanged, int Conflicts, int Errors, IReadOnlyList<NodeItemResult> Items)
{
    public static NodeBatchReport Of(IReadOnlyList<NodeItemResult> items) => new(
        items.Count(i => i.Outcome == NodeItemResult.Created), items.Count(i => i.Outcome == NodeItemResult.Updated),
        items.Count(i => i.Outcome == NodeItemResult.Unchanged), items.Count(i => i.Outcome == NodeItemResult.Conflict),
        items.Count(i => i.Outcome == NodeItemResult.Error), items);
}
