using Registry.Domain.Enterprises;

namespace Registry.Domain.Catalog;

/// <summary>States of an entry of the public data labeling directory (公共数据标注目录).</summary>
public static class CatalogStatus
{
    public const string Draft = "draft";
    public const string Published = "published";
    public const string Withdrawn = "withdrawn";
}

/// <summary>
/// An entry has at most one draft version being edited and at most one published version; publishing a changed entry
/// creates a new version while earlier versions stay readable. draft → published → withdrawn; a new version of a
/// published or withdrawn entry is a draft until it is published.
/// </summary>
public static class CatalogLifecycle
{
    public static void EnsureEditable(string status, int? draftVersion)
    {
        if (draftVersion is null) throw new InvalidTransitionException("catalog entry", status, "edited without a draft version (create a new version first)");
    }

    public static string Publish(string status, int? draftVersion)
    {
        if (draftVersion is null) throw new InvalidTransitionException("catalog entry", status, "published without a draft version");
        return CatalogStatus.Published;
    }

    public static string Withdraw(string status)
    {
        if (status != CatalogStatus.Published) throw new InvalidTransitionException("catalog entry", status, "withdrawn");
        return CatalogStatus.Withdrawn;
    }

    /// <summary>The number of the new draft version: one after the latest; refused while a draft exists.</summary>
    public static int NewVersion(string status, int? draftVersion, int latestVersion)
    {
        if (draftVersion is not null) throw new InvalidTransitionException("catalog entry", status + " with draft version " + draftVersion, "given another draft");
        return latestVersion + 1;
    }
}
