using MediatR;
using Registry.Application.Common;

namespace Registry.Application.Catalog;

/// <summary>One catalog entry: the published version for everyone, the draft as well for its agency. Drafts never published are the agency's alone.</summary>
[Public]
public sealed record GetCatalogEntry(Guid Id) : IQuery<CatalogEntryView>;

internal sealed class GetCatalogEntryHandler(IReadDb db, ICaller caller) : IRequestHandler<GetCatalogEntry, CatalogEntryView>
{
    public async Task<CatalogEntryView> Handle(GetCatalogEntry q, CancellationToken ct) =>
        await CatalogReads.FindAsync(db, q.Id, await CatalogReads.IsOwnerAsync(db, caller, q.Id, ct), ct) ?? throw new NotFound("catalog entry", q.Id);
}
