namespace Registry.Application.Enterprises;

public sealed record CertificateView
{
    public required Guid Id { get; init; }
    public required string Number { get; init; }
    public required int Grade { get; init; }
    public required string Status { get; init; }
    public required DateOnly IssuedOn { get; init; }
    public required DateOnly ExpiresOn { get; init; }
    public string? StatusReason { get; init; }
    /// <summary>The region whose regulators supervise the certificate: the enterprise's region when it was issued.</summary>
    public string? SupervisingRegionCode { get; init; }
    public required long Version { get; init; }
}

public sealed record DesignationView(string Designation, DateOnly GrantedOn, string Reason);

public sealed record EvidenceDocument(string Name, string Sha256, long Size);

public sealed record ApplicationView
{
    public required Guid Id { get; init; }
    public required Guid EnterpriseId { get; init; }
    public required int Grade { get; init; }
    public required string Status { get; init; }
    public required IReadOnlyList<EvidenceDocument> Evidence { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public Guid? ReviewerOrganizationId { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? DecisionReason { get; init; }
    public Guid? CertificateId { get; init; }
}

/// <summary>
/// An enterprise as the directory shows it. <see cref="Contact"/> and <see cref="Applications"/> are filled only for the
/// enterprise itself, regulators and certifiers of its jurisdiction, and admins; everyone else sees the public fields.
/// </summary>
public sealed record EnterpriseDetail
{
    public required Guid Id { get; init; }
    public required string LegalName { get; init; }
    public required string CreditCode { get; init; }
    public required string RegionCode { get; init; }
    public required string RegionNameZh { get; init; }
    public required string ProvinceCode { get; init; }
    public required string Address { get; init; }
    public required DateOnly FoundedOn { get; init; }
    public Guid? BaseId { get; init; }
    public string? BaseNameZh { get; init; }
    public required IReadOnlyList<Capability> Capabilities { get; init; }
    public required IReadOnlyList<string> Domains { get; init; }
    public required IReadOnlyDictionary<string, int> Talent { get; init; }
    public required int TotalStaff { get; init; }
    public required EnterpriseSecurity Security { get; init; }
    /// <summary>The highest data security level it may handle: general, important, or null.</summary>
    public string? Clearance { get; init; }
    public required IReadOnlyList<string> Tools { get; init; }
    public CertificateView? Certificate { get; init; }
    public required IReadOnlyList<DesignationView> Designations { get; init; }
    public required QualityRecord Quality { get; init; }
    public required long Version { get; init; }
    public EnterpriseContact? Contact { get; init; }
    public IReadOnlyList<ApplicationView>? Applications { get; init; }
}
