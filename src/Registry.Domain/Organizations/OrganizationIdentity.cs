using Registry.Domain.Access;

namespace Registry.Domain.Organizations;

/// <summary>
/// Who an organization is: its legal name, unified social credit code (统一社会信用代码) and region, as the operator
/// registered it. It belongs to the operator, not to the organization: it changes only through an audited identity change.
/// </summary>
public sealed record OrganizationIdentity(string NameZh, string CreditCode, string RegionCode)
{
    /// <summary>This identity with the given parts replaced; a null part stays as it is.</summary>
    public OrganizationIdentity With(string? nameZh, string? creditCode, string? regionCode) =>
        new(nameZh ?? NameZh, creditCode ?? CreditCode, regionCode ?? RegionCode);

    /// <summary>
    /// The operator may change any organization's identity; a regulator only that of an enterprise, agency, certifier or
    /// node whose old and new regions both lie in its jurisdiction, so no jurisdiction can take or give away another's.
    /// </summary>
    public static bool MayChange(string role, string? jurisdiction, string kind, string oldRegion, string newRegion) =>
        role == Roles.Admin
        || (role == Roles.Regulator && jurisdiction is not null && kind is not (Roles.Regulator or Roles.Admin)
            && Jurisdiction.Covers(jurisdiction, oldRegion) && Jurisdiction.Covers(jurisdiction, newRegion));

    /// <summary>
    /// The parts of a declared identity (an enterprise's profile) that differ from the registered one, by field name
    /// (<c>legalName</c>, <c>creditCode</c>, <c>regionCode</c>); empty when the declaration matches.
    /// </summary>
    public IReadOnlyDictionary<string, string> Mismatches(string? legalName, string? creditCode, string? regionCode)
    {
        var mismatches = new Dictionary<string, string>();
        if (legalName != NameZh) mismatches["legalName"] = NameZh;
        if (creditCode != CreditCode) mismatches["creditCode"] = CreditCode;
        if (regionCode != RegionCode) mismatches["regionCode"] = RegionCode;
        return mismatches;
    }
}
