using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Regions;

namespace Registry.Application.Catalog;

/// <summary>An agency compiles a new catalog entry; it starts as draft version 1.</summary>
[AllowedFor(Roles.Agency)]
public sealed record CreateCatalogEntry(string Code, string Title, string Description, string Domain, IReadOnlyList<string> Modalities,
    IReadOnlyList<string> TaskTypes, decimal Volume, string VolumeUnit, string SecurityLevel, string Openness, string? OpennessConditions,
    string RegionCode, string SourceSystem, string UpdateFrequency, string Contact) : ICommand<CatalogEntryView>, ICatalogContent;

public sealed class CreateCatalogEntryValidator : CatalogContentValidator<CreateCatalogEntry>
{
    public CreateCatalogEntryValidator(RegionDirectory regions) : base(regions) =>
        RuleFor(x => x.Code).NotEmpty().MaximumLength(60).Matches(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z")
            .WithMessage(_ => Texts.Get("validation.catalog_code"));
}

internal sealed class CreateCatalogEntryHandler(CatalogWrites writes, IOutbox outbox) : IRequestHandler<CreateCatalogEntry, CatalogEntryView>
{
    public Task<CatalogEntryView> Handle(CreateCatalogEntry c, CancellationToken ct) => writes.CreateAsync(c, outbox, ct);
}
