using Registry.Domain.Enterprises;
using Registry.Domain.Events;

namespace Registry.Domain.Catalog;

/// <summary>States of an entry of the public data labeling directory (公共数据标注目录).</summary>
public static class CatalogStatus
{
    public const string Draft = "draft";
    public const string Published = "published";
    public const string Withdrawn = "withdrawn";

    public static IReadOnlyList<string> All { get; } = [Draft, Published, Withdrawn];
}

/// <summary>
/// An entry has at most one draft version being edited and at most one published version; publishing a changed entry
/// creates a new version while earlier versions stay readable. draft → published → withdrawn; a new version of a
/// published or withdrawn entry is a draft until it is published. Each transition returns the event that reports it.
/// </summary>
public static class CatalogLifecycle
{
    public static void EnsureEditable(string status, int? draftVersion)
    {
        if (draftVersion is null) throw new InvalidTransitionException("catalog entry", status, "edited without a draft version (create a new version first)");
    }

    /// <summary>The draft version becomes the published one, whatever the entry's status was.</summary>
    public static Changed<CatalogEntryPublished> Publish(Guid entryId, string status, int? draftVersion)
    {
        if (draftVersion is not { } version) throw new InvalidTransitionException("catalog entry", status, "published without a draft version");
        return new(CatalogStatus.Published, new CatalogEntryPublished(entryId, version));
    }

    public static Changed<CatalogEntryWithdrawn> Withdraw(Guid entryId, string status, string reason)
    {
        if (status != CatalogStatus.Published) throw new InvalidTransitionException("catalog entry", status, "withdrawn");
        return new(CatalogStatus.Withdrawn, new CatalogEntryWithdrawn(entryId, reason));
    }

    /// <summary>
    /// A new draft version, numbered one after the latest; refused while a draft exists. The entry keeps its status (its
    /// published version stays public) until the draft is published.
    /// </summary>
    public static Changed<CatalogEntryVersionCreated> NewVersion(Guid entryId, string status, int? draftVersion, int latestVersion)
    {
        if (draftVersion is not null) throw new InvalidTransitionException("catalog entry", status + " with draft version " + draftVersion, "given another draft");
        return new(status, new CatalogEntryVersionCreated(entryId, latestVersion + 1));
    }
}
