namespace Registry.Application.Access;

/// <summary>An API client as the operator sees it (never its secret).</summary>
public sealed record ApiClientView
{
    public required string ClientId { get; init; }
    public required Guid OrganizationId { get; init; }
    public required string OrganizationNameZh { get; init; }
    public required string DisplayName { get; init; }
    public required bool Active { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}
