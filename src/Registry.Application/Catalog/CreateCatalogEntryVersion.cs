using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Catalog;

/// <summary>The owning agency starts a new draft version from the latest one, to change a published or withdrawn entry.</summary>
[AllowedFor(Roles.Agency, Roles.Admin)]
public sealed record CreateCatalogEntryVersion(Guid Id) : ICommand<CatalogEntryView>;

internal sealed class CreateCatalogEntryVersionHandler(CatalogWrites writes, IOutbox outbox) : IRequestHandler<CreateCatalogEntryVersion, CatalogEntryView>
{
    public Task<CatalogEntryView> Handle(CreateCatalogEntryVersion c, CancellationToken ct) => writes.CreateVersionAsync(c, outbox, ct);
}
