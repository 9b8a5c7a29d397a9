using Registry.Domain.Events;

namespace Registry.Domain.Catalog;

// The events of a public data catalog entry (公共数据目录). Drafts are the compiling agency's own; publication and
// withdrawal are public.

[DomainEvent("catalog.created", 1, EmittedBy = "CreateCatalogEntry (and each new row of an import or a node batch): a draft entry, version 1")]
public sealed record CatalogEntryCreated(Guid EntryId, Guid AgencyId, string Code, string Title) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("catalog_entry", EntryId);
}

[DomainEvent("catalog.updated", 1, EmittedBy = "UpdateCatalogEntry (and each changed row of an import or a node batch): the draft version changes")]
public sealed record CatalogEntryUpdated(Guid EntryId, int Version) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("catalog_entry", EntryId);
}

[DomainEvent("catalog.published", 1, Public = true, EmittedBy = "CatalogLifecycle.Publish: draft, published or withdrawn → published, the draft version becomes the published one (also by an import)")]
public sealed record CatalogEntryPublished(Guid EntryId, int Version) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("catalog_entry", EntryId);
}

[DomainEvent("catalog.version_created", 1, EmittedBy = "CatalogLifecycle.NewVersion: published or withdrawn → unchanged, with a new draft version one after the latest (also when an import changes the entry)")]
public sealed record CatalogEntryVersionCreated(Guid EntryId, int Version) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("catalog_entry", EntryId);
}

[DomainEvent("catalog.withdrawn", 1, Public = true, EmittedBy = "CatalogLifecycle.Withdraw: published → withdrawn")]
public sealed record CatalogEntryWithdrawn(Guid EntryId, string Reason) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("catalog_entry", EntryId);
}
