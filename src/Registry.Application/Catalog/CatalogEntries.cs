using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Catalog;
using Registry.Domain.Reference;
using Registry.Domain.Regions;

namespace Registry.Application.Catalog;

/// <summary>What a version of a catalog entry (公共数据标注目录条目) says about its dataset.</summary>
public interface ICatalogContent
{
    string Title { get; }
    string Description { get; }
    string Domain { get; }
    IReadOnlyList<string> Modalities { get; }
    IReadOnlyList<string> TaskTypes { get; }
    decimal Volume { get; }
    /// <summary>items, images, audio_hours, frames, point_cloud_frames or tokens.</summary>
    string VolumeUnit { get; }
    string SecurityLevel { get; }
    string Openness { get; }
    string? OpennessConditions { get; }
    string RegionCode { get; }
    string SourceSystem { get; }
    /// <summary>realtime, daily, weekly, monthly, quarterly, yearly or once.</summary>
    string UpdateFrequency { get; }
    string Contact { get; }
}

public sealed record CatalogVersionView
{
    public required int Version { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string Domain { get; init; }
    public required IReadOnlyList<string> Modalities { get; init; }
    public required IReadOnlyList<string> TaskTypes { get; init; }
    public required decimal Volume { get; init; }
    public required string VolumeUnit { get; init; }
    public required string SecurityLevel { get; init; }
    public required string Openness { get; init; }
    public string? OpennessConditions { get; init; }
    public required string RegionCode { get; init; }
    public required string SourceSystem { get; init; }
    public required string UpdateFrequency { get; init; }
    public required string Contact { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A catalog entry: its status, its versions' numbers, and the version the caller may see.</summary>
public sealed record CatalogEntryView
{
    public required Guid Id { get; init; }
    public required Guid AgencyId { get; init; }
    public required string AgencyNameZh { get; init; }
    public required string Code { get; init; }
    public required string Status { get; init; }
    public int? DraftVersion { get; init; }
    public int? PublishedVersion { get; init; }
    public required int LatestVersion { get; init; }
    public string? WithdrawnReason { get; init; }
    /// <summary>Row version: send it back as If-Match to update.</summary>
    public required long RowVersion { get; init; }
    /// <summary>The draft for the owning agency when there is one; otherwise the published version.</summary>
    public required CatalogVersionView Content { get; init; }
}

public static class CatalogUnits
{
    public static readonly string[] VolumeUnits = ["items", "images", "audio_hours", "frames", "point_cloud_frames", "tokens"];
    public static readonly string[] UpdateFrequencies = ["realtime", "daily", "weekly", "monthly", "quarterly", "yearly", "once"];
}

public abstract class CatalogContentValidator<T> : AbstractValidator<T> where T : ICatalogContent
{
    protected CatalogContentValidator()
    {
        RuleFor(x => x.Title).NotEmpty().Name();
        RuleFor(x => x.Description).NotEmpty().MultilineText(4000);
        RuleFor(x => x.Domain).Must(IndustryDomains.IsKnown).WithMessage("Unknown industry domain; see /api/v1/reference/domains.");
        RuleFor(x => x.Modalities).NotEmpty().MaxCount(Modalities.All.Count);
        RuleForEach(x => x.Modalities).Must(Modalities.IsKnown).WithMessage("Unknown modality '{PropertyValue}'; see /api/v1/reference/modalities.");
        RuleFor(x => x.TaskTypes).NotEmpty().MaxCount(TaskTypes.All.Count);
        RuleForEach(x => x.TaskTypes).Must(TaskTypes.IsKnown).WithMessage("Unknown task type '{PropertyValue}'; see /api/v1/reference/task-types.");
        RuleFor(x => x.Volume).GreaterThan(0).PrecisionScale(18, 2, ignoreTrailingZeros: true);
        RuleFor(x => x.VolumeUnit).Must(CatalogUnits.VolumeUnits.Contains).WithMessage($"'volumeUnit' is one of: {string.Join(", ", CatalogUnits.VolumeUnits)}.");
        RuleFor(x => x.SecurityLevel).Must(DataSecurityLevels.IsKnown).WithMessage("'securityLevel' is general, important or core.");
        RuleFor(x => x.Openness).Must(Openness.IsKnown).WithMessage("'openness' is open, conditional or restricted.");
        RuleFor(x => x.OpennessConditions).NotEmpty().When(x => x.Openness == "conditional")
            .WithMessage("Conditional openness needs its conditions.");
        RuleFor(x => x.OpennessConditions).MultilineText(2000);
        RuleFor(x => x.RegionCode).Must(RegionCode.IsWellFormed!).WithMessage("'regionCode' must be a GB/T 2260 code such as 510100.");
        RuleFor(x => x.SourceSystem).NotEmpty().PlainText(200);
        RuleFor(x => x.UpdateFrequency).Must(CatalogUnits.UpdateFrequencies.Contains)
            .WithMessage($"'updateFrequency' is one of: {string.Join(", ", CatalogUnits.UpdateFrequencies)}.");
        RuleFor(x => x.Contact).NotEmpty().PlainText(200);
    }
}

/// <summary>An agency compiles a new catalog entry; it starts as draft version 1.</summary>
[AllowedFor(Roles.Agency)]
public sealed record CreateCatalogEntry(string Code, string Title, string Description, string Domain, IReadOnlyList<string> Modalities,
    IReadOnlyList<string> TaskTypes, decimal Volume, string VolumeUnit, string SecurityLevel, string Openness, string? OpennessConditions,
    string RegionCode, string SourceSystem, string UpdateFrequency, string Contact) : ICommand<CatalogEntryView>, ICatalogContent;

public sealed class CreateCatalogEntryValidator : CatalogContentValidator<CreateCatalogEntry>
{
    public CreateCatalogEntryValidator() =>
        RuleFor(x => x.Code).NotEmpty().MaximumLength(60).Matches(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z")
            .WithMessage("'code' has letters, digits and . _ - (e.g. CDWJ-2026-001), unique within the agency.");
}

/// <summary>The owning agency edits the entry's draft version; If-Match carries the row version it read.</summary>
[AllowedFor(Roles.Agency, Roles.Admin)]
public sealed record UpdateCatalogEntry(Guid Id, long ExpectedVersion, string Title, string Description, string Domain, IReadOnlyList<string> Modalities,
    IReadOnlyList<string> TaskTypes, decimal Volume, string VolumeUnit, string SecurityLevel, string Openness, string? OpennessConditions,
    string RegionCode, string SourceSystem, string UpdateFrequency, string Contact) : ICommand<CatalogEntryView>, ICatalogContent;

public sealed class UpdateCatalogEntryValidator : CatalogContentValidator<UpdateCatalogEntry>
{
    public UpdateCatalogEntryValidator() => RuleFor(x => x.ExpectedVersion).GreaterThan(0).WithMessage("Send the version you read as If-Match.");
}

/// <summary>The owning agency publishes the draft version: it becomes the public one, searchable by everyone.</summary>
[AllowedFor(Roles.Agency, Roles.Admin)]
public sealed record PublishCatalogEntry(Guid Id) : ICommand<CatalogEntryView>;

/// <summary>The owning agency withdraws a published entry, with a reason; it leaves the public search.</summary>
[AllowedFor(Roles.Agency, Roles.Admin)]
public sealed record WithdrawCatalogEntry(Guid Id, string Reason) : ICommand<CatalogEntryView>;

public sealed class WithdrawCatalogEntryValidator : AbstractValidator<WithdrawCatalogEntry>
{
    public WithdrawCatalogEntryValidator() => RuleFor(x => x.Reason).NotEmpty().MultilineText(2000);
}

/// <summary>The owning agency starts a new draft version from the latest one, to change a published or withdrawn entry.</summary>
[AllowedFor(Roles.Agency, Roles.Admin)]
public sealed record CreateCatalogEntryVersion(Guid Id) : ICommand<CatalogEntryView>;

internal sealed class CatalogCommandHandlers(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock) :
    IRequestHandler<CreateCatalogEntry, CatalogEntryView>,
    IRequestHandler<UpdateCatalogEntry, CatalogEntryView>,
    IRequestHandler<PublishCatalogEntry, CatalogEntryView>,
    IRequestHandler<WithdrawCatalogEntry, CatalogEntryView>,
    IRequestHandler<CreateCatalogEntryVersion, CatalogEntryView>
{
    public async Task<CatalogEntryView> Handle(CreateCatalogEntry c, CancellationToken ct)
    {
        var agencyId = caller.RequireOrganization();
        await EnsureRegionAsync(agencyId, c.RegionCode, ct);
        if (await db.ScalarAsync<int>(CodeTakenSql, new { agencyId, c.Code }, ct) > 0)
            throw ValidationFailed.For("code", $"Your agency already has an entry with code '{c.Code}'.");
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        await db.ExecuteAsync(InsertEntrySql, new { id, agencyId, c.Code, status = CatalogStatus.Draft, now }, ct);
        await db.ExecuteAsync(CatalogSql.InsertVersionSql, CatalogSql.VersionRowOf(id, 1, c, now), ct);
        outbox.Publish(new OutboxEvent("catalog.created", "catalog_entry", id.ToString(), new { id, agencyId, c.Code, c.Title }));
        return await CatalogReads.ViewAsync(db, id, ownerView: true, ct);
    }

    public async Task<CatalogEntryView> Handle(UpdateCatalogEntry c, CancellationToken ct)
    {
        var entry = await OwnedAsync(c.Id, ct);
        if (entry.RowVersion != c.ExpectedVersion)
            throw new PreconditionFailed($"The entry is at version {entry.RowVersion}, not {c.ExpectedVersion}. Read it again.");
        CatalogLifecycle.EnsureEditable(entry.Status, entry.DraftVersion);
        await EnsureRegionAsync(entry.AgencyId, c.RegionCode, ct);
        var now = clock.GetUtcNow();
        await db.ExecuteAsync(CatalogSql.DeleteVersionSql, new { id = c.Id, version = entry.DraftVersion }, ct);
        await db.ExecuteAsync(CatalogSql.InsertVersionSql, CatalogSql.VersionRowOf(c.Id, entry.DraftVersion!.Value, c, now), ct);
        await TouchAsync(c.Id, entry.Status, entry.DraftVersion, entry.PublishedVersion, entry.LatestVersion, entry.WithdrawnReason, now, ct);
        outbox.Publish(new OutboxEvent("catalog.updated", "catalog_entry", c.Id.ToString(), new { c.Id, version = entry.DraftVersion }));
        return await CatalogReads.ViewAsync(db, c.Id, ownerView: true, ct);
    }

    public async Task<CatalogEntryView> Handle(PublishCatalogEntry c, CancellationToken ct)
    {
        var entry = await OwnedAsync(c.Id, ct);
        var status = CatalogLifecycle.Publish(entry.Status, entry.DraftVersion);
        var now = clock.GetUtcNow();
        var version = entry.DraftVersion!.Value;
        var draft = (await db.QuerySingleOrDefaultAsync<CatalogSql.VersionRow>(CatalogSql.VersionSql, new { id = c.Id, version }, ct))!;
        if (await AgencyJurisdiction.ProblemAsync(db, entry.AgencyId, draft.RegionCode, ct) is { } outside)
            throw new RuleViolation("region_outside_jurisdiction", outside + " Change the draft's region before publishing it.");
        await db.ExecuteAsync(MarkPublishedSql, new { id = c.Id, version, now }, ct);
        await TouchAsync(c.Id, status, null, version, entry.LatestVersion, null, now, ct);
        await CatalogProjection.PublishAsync(db, c.Id, ct);
        outbox.Publish(new OutboxEvent("catalog.published", "catalog_entry", c.Id.ToString(), new { c.Id, version }));
        return await CatalogReads.ViewAsync(db, c.Id, ownerView: true, ct);
    }

    public async Task<CatalogEntryView> Handle(WithdrawCatalogEntry c, CancellationToken ct)
    {
        var entry = await OwnedAsync(c.Id, ct);
        var status = CatalogLifecycle.Withdraw(entry.Status);
        await TouchAsync(c.Id, status, entry.DraftVersion, entry.PublishedVersion, entry.LatestVersion, c.Reason, clock.GetUtcNow(), ct);
        await CatalogProjection.RemoveAsync(db, c.Id, ct);
        outbox.Publish(new OutboxEvent("catalog.withdrawn", "catalog_entry", c.Id.ToString(), new { c.Id, c.Reason }));
        return await CatalogReads.ViewAsync(db, c.Id, ownerView: true, ct);
    }

    public async Task<CatalogEntryView> Handle(CreateCatalogEntryVersion c, CancellationToken ct)
    {
        var entry = await OwnedAsync(c.Id, ct);
        var version = CatalogLifecycle.NewVersion(entry.Status, entry.DraftVersion, entry.LatestVersion);
        var now = clock.GetUtcNow();
        await db.ExecuteAsync(CopyVersionSql, new { id = c.Id, from = entry.LatestVersion, version, now }, ct);
        await TouchAsync(c.Id, entry.Status, version, entry.PublishedVersion, version, entry.WithdrawnReason, now, ct);
        outbox.Publish(new OutboxEvent("catalog.version_created", "catalog_entry", c.Id.ToString(), new { c.Id, version }));
        return await CatalogReads.ViewAsync(db, c.Id, ownerView: true, ct);
    }

    private async Task<CatalogSql.EntryRow> OwnedAsync(Guid id, CancellationToken ct)
    {
        var entry = await db.QuerySingleOrDefaultAsync<CatalogSql.EntryRow>(CatalogSql.EntrySql, new { id }, ct);
        if (entry is null || !(caller.OrganizationId == entry.AgencyId || caller.Role == Roles.Admin || caller.IsSystem))
        {
            // Another agency may see a published entry but not change it; a draft it may not even see.
            if (entry?.PublishedVersion is not null) throw new Forbidden("Only the agency that compiled this entry may change it.");
            throw new NotFound("catalog entry", id);
        }
        return entry;
    }

    /// <summary>The entry's region must exist and lie in its agency's jurisdiction (the owner's, also when the operator edits it).</summary>
    private async Task EnsureRegionAsync(Guid agencyId, string regionCode, CancellationToken ct)
    {
        if (await AgencyJurisdiction.ProblemAsync(db, agencyId, regionCode, ct) is { } problem) throw ValidationFailed.For("regionCode", problem);
    }

    private Task TouchAsync(Guid id, string status, int? draft, int? published, int latest, string? withdrawnReason, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(TouchSql, new { id, status, draft, published, latest, withdrawnReason, now }, ct);

    private static readonly Sql CodeTakenSql = new("select count(*) from catalog_entries where agency_id = @agencyId and code = @code");
    private static readonly Sql InsertEntrySql = new("""
        insert into catalog_entries (id, agency_id, code, status, draft_version, published_version, latest_version, withdrawn_reason, row_version, created_at, updated_at)
        values (@id, @agencyId, @code, @status, 1, null, 1, null, 1, @now, @now)
        """);
    private static readonly Sql TouchSql = new("""
        update catalog_entries set status = @status, draft_version = @draft, published_version = @published, latest_version = @latest,
            withdrawn_reason = @withdrawnReason, row_version = row_version + 1, updated_at = @now
        where id = @id
        """);
    private static readonly Sql MarkPublishedSql = new("update catalog_entry_versions set published_at = @now where entry_id = @id and version = @version");
    private static readonly Sql CopyVersionSql = new("""
        insert into catalog_entry_versions (entry_id, version, title, description, domain, modalities, task_types, volume, volume_unit, security_level,
            openness, openness_conditions, region_code, source_system, update_frequency, contact, published_at, created_at)
        select entry_id, @version, title, description, domain, modalities, task_types, volume, volume_unit, security_level,
            openness, openness_conditions, region_code, source_system, update_frequency, contact, null, @now
        from catalog_entry_versions where entry_id = @id and version = @from
        """);
}
