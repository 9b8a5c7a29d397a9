using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Catalog;

/// <summary>The owning agency publishes the draft version: it becomes the public one, searchable by everyone.</summary>
[AllowedFor(Roles.Agency, Roles.Admin)]
public sealed record PublishCatalogEntry(Guid Id) : ICommand<CatalogEntryView>;

internal sealed class PublishCatalogEntryHandler(CatalogWrites writes, IOutbox outbox) : IRequestHandler<PublishCatalogEntry, CatalogEntryView>
{
    public Task<CatalogEntryView> Handle(PublishCatalogEntry c, CancellationToken ct) => writes.PublishAsync(c, outbox, ct);
}
