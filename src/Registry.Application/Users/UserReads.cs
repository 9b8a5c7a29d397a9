using Registry.Application.Common;

namespace Registry.Application.Users;

/// <summary>How the user use cases read an account as <see cref="UserView"/>.</summary>
internal static class UserReads
{
    public const string Select = """
        select u.id, u.organization_id, o.name_zh as organization_name_zh, u.username, u.display_name, o.kind as role,
            u.must_change_password, u.active,
            (select max(t.blocked_until) from sign_in_throttles t where t.username = u.username) as locked_until, u.last_sign_in_at, u.row_version as version, u.created_at
        from users u join organizations o on o.id = u.organization_id
        """;

    public static readonly Sql ById = new($"{Select} where u.id = @id");
}
