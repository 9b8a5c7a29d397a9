using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Catalog;

namespace Registry.Application.Catalog;

/// <summary>The owning agency withdraws a published entry, with a reason; it leaves the public search.</summary>
[AllowedFor(Roles.Agency, Roles.Admin)]
public sealed record WithdrawCatalogEntry(Guid Id, string Reason) : ICommand<CatalogEntryView>;

public sealed class WithdrawCatalogEntryValidator : AbstractValidator<WithdrawCatalogEntry>
{
    public WithdrawCatalogEntryValidator() => RuleFor(x => x.Reason).NotEmpty().MultilineText(2000);
}

internal sealed class WithdrawCatalogEntryHandler(IWriteDb db, CatalogWrites writes, IOutbox outbox, TimeProvider clock)
    : IRequestHandler<WithdrawCatalogEntry, CatalogEntryView>
{
    public async Task<CatalogEntryView> Handle(WithdrawCatalogEntry c, CancellationToken ct)
    {
        var entry = await writes.OwnedAsync(c.Id, ct);
        var (status, withdrawn) = CatalogLifecycle.Withdraw(c.Id, entry.Status, c.Reason);
        await writes.TouchAsync(c.Id, status, entry.DraftVersion, entry.PublishedVersion, entry.LatestVersion, withdrawn.Reason, clock.GetUtcNow(), ct);
        await CatalogProjection.RemoveAsync(db, c.Id, ct);
        outbox.Publish(withdrawn);
        return await CatalogReads.ViewAsync(db, c.Id, ownerView: true, ct);
    }
}
