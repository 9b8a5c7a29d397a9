using MediatR;
using Registry.Application.Common;

namespace Registry.Application.Catalog;

/// <summary>The versions of an entry: the published ones for everyone, every one for its agency.</summary>
[Public]
public sealed record ListCatalogEntryVersions(Guid Id) : IQuery<IReadOnlyList<CatalogVersionView>>;

internal sealed class ListCatalogEntryVersionsHandler(IReadDb db, ICaller caller) : IRequestHandler<ListCatalogEntryVersions, IReadOnlyList<CatalogVersionView>>
{
    public async Task<IReadOnlyList<CatalogVersionView>> Handle(ListCatalogEntryVersions q, CancellationToken ct)
    {
        var owner = await CatalogReads.IsOwnerAsync(db, caller, q.Id, ct);
        var versions = (await db.QueryAsync<CatalogReads.VersionRow>(CatalogReads.VersionsSql, new { id = q.Id }, ct))
            .Where(v => owner || v.PublishedAt is not null).Select(v => v.ToView()).ToList();
        return versions.Count == 0 ? throw new NotFound("catalog entry", q.Id) : versions;
    }
}
