namespace Registry.Domain.Access;

/// <summary>Who may see an item at all.</summary>
public enum Exposure
{
    /// <summary>Anyone: a published demand, a published catalog entry, a registered enterprise's directory entry, a certificate.</summary>
    Public,

    /// <summary>Its parties and the supervisors of its region: a contract, a certification application, an organization's record.</summary>
    Supervised,

    /// <summary>Its owner alone (and the platform's operator): a draft demand, a catalog entry never published.</summary>
    Draft,
}

/// <summary>What an item is, as far as who may see it and act on it is concerned.</summary>
/// <param name="Parties">The organizations the item belongs to: the agency of a demand, both parties of a contract, the enterprise itself.</param>
/// <param name="Region">The region whose supervisors oversee it: the item's region, or a certificate's supervising region.</param>
public sealed record VisibleItem(IReadOnlyCollection<Guid> Parties, string Region, Exposure Exposure)
{
    public VisibleItem(Guid party, string region, Exposure exposure) : this([party], region, exposure) { }

    /// <summary>A demand is its agency's draft until published; from then on it is public, in every later state.</summary>
    public static VisibleItem Demand(Guid agency, string region, string status) =>
        new(agency, region, status == Demands.DemandStatus.Draft ? Exposure.Draft : Exposure.Public);

    /// <summary>A catalog entry is public once a version of it was published (withdrawn entries stay readable, with the reason).</summary>
    public static VisibleItem CatalogEntry(Guid agency, string region, bool everPublished) =>
        new(agency, region, everPublished ? Exposure.Public : Exposure.Draft);

    /// <summary>A contract belongs to its agency and its enterprise, under the supervisors of its region.</summary>
    public static VisibleItem Contract(Guid agency, Guid enterprise, string region) => new([agency, enterprise], region, Exposure.Supervised);

    /// <summary>A registered enterprise's directory entry is public; its region decides who supervises it.</summary>
    public static VisibleItem Enterprise(Guid enterprise, string region) => new(enterprise, region, Exposure.Public);

    /// <summary>A certificate is public (the directory shows it); its supervising region decides who may change it.</summary>
    public static VisibleItem Certificate(Guid enterprise, string supervisingRegion) => new(enterprise, supervisingRegion, Exposure.Public);

    /// <summary>A certification application belongs to its enterprise and the reviewers of the enterprise's region.</summary>
    public static VisibleItem Application(Guid enterprise, string region) => new(enterprise, region, Exposure.Supervised);

    /// <summary>A risk alert belongs to nobody: only the supervisors of its region (and the operators) see it.</summary>
    public static VisibleItem Alert(string region) => new([], region, Exposure.Supervised);

    /// <summary>An organization's record (contacts, identity history) belongs to itself and the supervisors of its region.</summary>
    public static VisibleItem Organization(Guid organization, string region) => new(organization, region, Exposure.Supervised);
}

/// <summary>Who asks: the role and organization of the caller, the region of that organization (a regulator's jurisdiction).</summary>
public sealed record Viewer(string? Role, Guid? OrganizationId, string? Region, bool IsSystem = false)
{
    public static readonly Viewer Anonymous = new(null, null, null);
}

/// <summary>What a request needs to be entitled to do with an item.</summary>
public enum Act
{
    /// <summary>Read it.</summary>
    See,

    /// <summary>Act as its owner or a party: change a demand, deliver on a contract, update one's own profile.</summary>
    AsParty,

    /// <summary>Act as its supervisor: suspend a certificate, grant a designation, review an application.</summary>
    AsSupervisor,

    /// <summary>Either a party or a supervisor: read a demand's sealed bids and evaluation.</summary>
    AsPartyOrSupervisor,

    /// <summary>The owner, or the platform's operator standing in for it: edit a catalog entry.</summary>
    AsPartyOrOperator,
}

/// <summary>How a request is refused: as if the item did not exist (404), or as an act the caller may not do (403).</summary>
public enum Refusal
{
    NotFound,
    Forbidden,
}

/// <summary>What one caller may do with one item.</summary>
public readonly record struct Sight(bool Sees, bool IsParty, bool IsSupervisor, bool IsOperator)
{
    /// <summary>Null when the act is allowed; NotFound for what the caller may not see; Forbidden for what it sees but may not do.</summary>
    public Refusal? Refuses(Act act)
    {
        if (!Sees) return Refusal.NotFound;
        var entitled = act switch
        {
            Act.See => true,
            Act.AsParty => IsParty,
            Act.AsSupervisor => IsSupervisor,
            Act.AsPartyOrSupervisor => IsParty || IsSupervisor,
            _ => IsParty || IsOperator,
        };
        return entitled ? null : Refusal.Forbidden;
    }
}

/// <summary>
/// The one visibility rule of the registry: what you may not see does not exist for you (404); what you may see but not do is
/// refused (403). Public items are seen by everyone; supervised items by their parties and the regulators, certifiers and
/// operators whose jurisdiction covers their region; drafts by their owner and the operator only.
/// </summary>
public static class Visibility
{
    public static Sight Of(VisibleItem item, Viewer viewer)
    {
        var party = viewer.OrganizationId is { } org && item.Parties.Contains(org);
        var supervisor = Supervises(viewer, item.Region);
        var operatorOf = IsOperator(viewer);
        var sees = item.Exposure switch
        {
            Exposure.Public => true,
            Exposure.Supervised => party || supervisor,
            _ => party || operatorOf,
        };
        return new Sight(sees, party, supervisor, operatorOf);
    }

    /// <summary>The platform's operators and the platform itself oversee everything.</summary>
    public static bool IsOperator(Viewer viewer) => viewer.IsSystem || viewer.Role == Roles.Admin;

    /// <summary>Whether the viewer supervises the region: an operator anywhere, a regulator or certifier within its jurisdiction.</summary>
    public static bool Supervises(Viewer viewer, string region) =>
        IsOperator(viewer)
        || (viewer.Role is Roles.Regulator or Roles.Certifier && viewer.Region is { } jurisdiction && Jurisdiction.Covers(jurisdiction, region));
}
