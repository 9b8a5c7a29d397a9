using Registry.Application.Common;

namespace Registry.Application.Organizations;

/// <summary>How the organization use cases read an organization as <see cref="OrganizationView"/>.</summary>
internal static class OrganizationReads
{
    public const string Select = """
        select o.id, o.name_zh, o.name_en, o.kind, o.region_code, r.name_zh as region_name_zh, o.credit_code, o.contact_email,
            o.active, o.row_version as version, o.created_at, o.updated_at
        from organizations o join regions r on r.code = o.region_code
        """;

    public static readonly Sql ById = new($"{Select} where o.id = @id");
}
