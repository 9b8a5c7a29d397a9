namespace Registry.Application.Users;

/// <summary>A person who signs in for an organization; the organization's kind is the person's role.</summary>
public sealed record UserView
{
    public required Guid Id { get; init; }
    public required Guid OrganizationId { get; init; }
    public required string OrganizationNameZh { get; init; }
    public required string Username { get; init; }
    public required string DisplayName { get; init; }
    public required string Role { get; init; }
    public required bool MustChangePassword { get; init; }
    public required bool Active { get; init; }
    /// <summary>The end of the latest sign-in wait of this username from any network (past once it is over).</summary>
    public DateTimeOffset? LockedUntil { get; init; }
    public DateTimeOffset? LastSignInAt { get; init; }
    public required long Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}
