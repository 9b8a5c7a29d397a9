using Registry.Domain.Catalog;
using Registry.Domain.Enterprises;
using Registry.Domain.Events;

namespace Registry.Domain.Tests.Catalog;

public sealed class CatalogLifecycleTests
{
    private static readonly Guid Entry = Guid.NewGuid();

    [Theory]
    [InlineData(CatalogStatus.Draft)]
    [InlineData(CatalogStatus.Published)]
    [InlineData(CatalogStatus.Withdrawn)]
    public void An_entry_with_a_draft_version_is_editable_whatever_its_status(string status) =>
        CatalogLifecycle.EnsureEditable(status, draftVersion: 2);

    [Theory]
    [InlineData(CatalogStatus.Published)]
    [InlineData(CatalogStatus.Withdrawn)]
    public void Editing_without_a_draft_version_is_refused_naming_the_status(string status)
    {
        var e = Assert.Throws<InvalidTransitionException>(() => CatalogLifecycle.EnsureEditable(status, draftVersion: null));

        Assert.Equal(status, e.Current);
        Assert.Contains(status, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CatalogStatus.Draft)]
    [InlineData(CatalogStatus.Published)]
    [InlineData(CatalogStatus.Withdrawn)]
    public void Publishing_a_draft_version_makes_the_entry_published_and_reports_that_version(string status) =>
        Assert.Equal(new Changed<CatalogEntryPublished>(CatalogStatus.Published, new CatalogEntryPublished(Entry, 3)),
            CatalogLifecycle.Publish(Entry, status, draftVersion: 3));

    [Theory]
    [InlineData(CatalogStatus.Published)]
    [InlineData(CatalogStatus.Withdrawn)]
    public void Publishing_without_a_draft_version_is_refused_naming_the_status(string status)
    {
        var e = Assert.Throws<InvalidTransitionException>(() => CatalogLifecycle.Publish(Entry, status, draftVersion: null));

        Assert.Equal(status, e.Current);
        Assert.Contains(status, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_published_entry_can_be_withdrawn_and_the_withdrawal_reports_its_reason() =>
        Assert.Equal(new Changed<CatalogEntryWithdrawn>(CatalogStatus.Withdrawn, new CatalogEntryWithdrawn(Entry, "Superseded by the 2027 list.")),
            CatalogLifecycle.Withdraw(Entry, CatalogStatus.Published, "Superseded by the 2027 list."));

    [Theory]
    [InlineData(CatalogStatus.Draft)]
    [InlineData(CatalogStatus.Withdrawn)]
    public void Only_a_published_entry_can_be_withdrawn(string status)
    {
        var e = Assert.Throws<InvalidTransitionException>(() => CatalogLifecycle.Withdraw(Entry, status, "No longer compiled."));

        Assert.Equal(status, e.Current);
        Assert.Contains(status, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CatalogStatus.Published, 1)]
    [InlineData(CatalogStatus.Published, 4)]
    [InlineData(CatalogStatus.Withdrawn, 2)]
    public void A_new_version_is_numbered_one_after_the_latest_and_the_entry_keeps_its_status(string status, int latest) =>
        Assert.Equal(new Changed<CatalogEntryVersionCreated>(status, new CatalogEntryVersionCreated(Entry, latest + 1)),
            CatalogLifecycle.NewVersion(Entry, status, draftVersion: null, latest));

    [Theory]
    [InlineData(CatalogStatus.Draft, 1)]
    [InlineData(CatalogStatus.Published, 3)]
    public void A_new_version_is_refused_while_a_draft_exists(string status, int draft)
    {
        var e = Assert.Throws<InvalidTransitionException>(() => CatalogLifecycle.NewVersion(Entry, status, draft, latestVersion: draft));

        Assert.Contains(status, e.Current, StringComparison.Ordinal);
        Assert.Contains($"draft version {draft}", e.Message, StringComparison.Ordinal);
    }
}
