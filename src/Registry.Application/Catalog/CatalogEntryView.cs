namespace Registry.Application.Catalog;

public sealed record CatalogVersionView
{
    public required int Version { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string Domain { get; init; }
    public required IReadOnlyList<string> Modalities { get; init; }
    public required IReadOnlyList<string> TaskTypes { get; init; }
    public required decimal Volume { get; init; }
    public required string VolumeUnit { get; init; }
    public required string SecurityLevel { get; init; }
    public required string Openness { get; init; }
    public string? OpennessConditions { get; init; }
    public required string RegionCode { get; init; }
    public required string SourceSystem { get; init; }
    public required string UpdateFrequency { get; init; }
    public required string Contact { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A catalog entry: its status, its versions' numbers, and the version the caller may see.</summary>
public sealed record CatalogEntryView
{
    public required Guid Id { get; init; }
    public required Guid AgencyId { get; init; }
    public required string AgencyNameZh { get; init; }
    public required string Code { get; init; }
    public required string Status { get; init; }
    public int? DraftVersion { get; init; }
    public int? PublishedVersion { get; init; }
    public required int LatestVersion { get; init; }
    public string? WithdrawnReason { get; init; }
    /// <summary>Row version: send it back as If-Match to update.</summary>
    public required long RowVersion { get; init; }
    /// <summary>The draft for the owning agency when there is one; otherwise the published version.</summary>
    public required CatalogVersionView Content { get; init; }
}
