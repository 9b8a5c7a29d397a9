namespace Registry.Application.Organizations;

/// <summary>An organization on the platform: agency, enterprise, regulator, certifier, regional node or the operator.</summary>
public sealed record OrganizationView
{
    public required Guid Id { get; init; }
    public required string NameZh { get; init; }
    public string? NameEn { get; init; }
    /// <summary>agency, enterprise, regulator, certifier, node or admin; the role of everyone acting for it.</summary>
    public required string Kind { get; init; }
    public required string RegionCode { get; init; }
    public required string RegionNameZh { get; init; }
    /// <summary>Unified social credit code (统一社会信用代码).</summary>
    public required string CreditCode { get; init; }
    public string? ContactEmail { get; init; }
    public required bool Active { get; init; }
    /// <summary>Row version: send it back as If-Match to update.</summary>
    public required long Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
