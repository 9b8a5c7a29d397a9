using Registry.Application.Common;

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

internal static class UserSql
{
    public const string Select = """
        select u.id, u.organization_id, o.name_zh as organization_name_zh, u.username, u.display_name, o.kind as role,
            u.must_change_password, u.active,
            (select max(t.blocked_until) from sign_in_throttles t where t.username = u.username) as locked_until, u.last_sign_in_at, u.row_version as version, u.created_at
        from users u join organizations o on o.id = u.organization_id
        """;

    public static readonly Sql ById = new($"{Select} where u.id = @id");
}

/// <summary>The password rule for people: 10 to 128 characters with at least one letter and one digit.</summary>
public static class PasswordRule
{
    public const string Message = "A password has 10 to 128 characters, with at least one letter and one digit.";

    public static bool IsAcceptable(string? password) =>
        password is { Length: >= 10 and <= 128 } && password.Any(char.IsLetter) && password.Any(char.IsDigit);
}
