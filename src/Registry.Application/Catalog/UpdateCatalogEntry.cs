using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Regions;

namespace Registry.Application.Catalog;

/// <summary>The owning agency edits the entry's draft version; If-Match carries the row version it read.</summary>
[AllowedFor(Roles.Agency, Roles.Admin)]
public sealed record UpdateCatalogEntry(Guid Id, long ExpectedVersion, string Title, string Description, string Domain, IReadOnlyList<string> Modalities,
    IReadOnlyList<string> TaskTypes, decimal Volume, string VolumeUnit, string SecurityLevel, string Openness, string? OpennessConditions,
    string RegionCode, string SourceSystem, string UpdateFrequency, string Contact) : ICommand<CatalogEntryView>, ICatalogContent;

public sealed class UpdateCatalogEntryValidator : CatalogContentValidator<UpdateCatalogEntry>
{
    public UpdateCatalogEntryValidator(RegionDirectory regions) : base(regions) => RuleFor(x => x.ExpectedVersion).IfMatchVersion();
}

internal sealed class UpdateCatalogEntryHandler(CatalogWrites writes, IOutbox outbox) : IRequestHandler<UpdateCatalogEntry, CatalogEntryView>
{
    public Task<CatalogEntryView> Handle(UpdateCatalogEntry c, CancellationToken ct) => writes.UpdateAsync(c, outbox, ct);
}
