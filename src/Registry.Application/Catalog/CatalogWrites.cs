using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Catalog;

namespace Registry.Application.Catalog;

/// <summary>
/// The writes of a catalog entry's life that its use cases and the import share. Each publishes its event to the journal it
/// is given: the command's own, or the import's journal of one row, which reaches the outbox only if the row is kept.
/// </summary>
internal sealed class CatalogWrites(IWriteDb db, ICaller caller, TimeProvider clock)
{
    // Set for a regional node's writes: the agency the node writes for, whose region the node's batch has checked.
    private Guid? _agency;

    /// <summary>The same writes on the entries of <paramref name="agencyId"/>, for a regional node's batch (which is not the agency itself).</summary>
    public CatalogWrites OnBehalfOf(Guid agencyId) => new(db, caller, clock) { _agency = agencyId };

    public async Task<CatalogEntryView> CreateAsync(CreateCatalogEntry c, IOutbox events, CancellationToken ct)
    {
        var agencyId = _agency ?? caller.RequireOrganization();
        await EnsureRegionAsync(agencyId, c.RegionCode, ct);
        if (await db.ScalarAsync<int>(CodeTakenSql, new { agencyId, c.Code }, ct) > 0)
            throw ValidationFailed.For("code", $"Your agency already has an entry with code '{c.Code}'.");
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        await db.ExecuteAsync(InsertEntrySql, new { id, agencyId, c.Code, status = CatalogStatus.Draft, now }, ct);
        await db.ExecuteAsync(InsertVersionSql, VersionRowOf(id, 1, c, now), ct);
        events.Publish(new CatalogEntryCreated(id, agencyId, c.Code, c.Title));
        return await CatalogReads.ViewAsync(db, id, ownerView: true, ct);
    }

    public async Task<CatalogEntryView> UpdateAsync(UpdateCatalogEntry c, IOutbox events, CancellationToken ct)
    {
        var entry = await OwnedAsync(c.Id, ct);
        PreconditionFailed.ThrowIfStale("entry", entry.RowVersion, c.ExpectedVersion);
        CatalogLifecycle.EnsureEditable(entry.Status, entry.DraftVersion);
        await EnsureRegionAsync(entry.AgencyId, c.RegionCode, ct);
        var now = clock.GetUtcNow();
        await db.ExecuteAsync(DeleteVersionSql, new { id = c.Id, version = entry.DraftVersion }, ct);
        await db.ExecuteAsync(InsertVersionSql, VersionRowOf(c.Id, entry.DraftVersion!.Value, c, now), ct);
        await TouchAsync(c.Id, entry.Status, entry.DraftVersion, entry.PublishedVersion, entry.LatestVersion, entry.WithdrawnReason, now, ct);
        events.Publish(new CatalogEntryUpdated(c.Id, entry.DraftVersion!.Value));
        return await CatalogReads.ViewAsync(db, c.Id, ownerView: true, ct);
    }

    public async Task<CatalogEntryView> PublishAsync(PublishCatalogEntry c, IOutbox events, CancellationToken ct)
    {
        var entry = await OwnedAsync(c.Id, ct);
        var (status, published) = CatalogLifecycle.Publish(c.Id, entry.Status, entry.DraftVersion);
        var now = clock.GetUtcNow();
        var version = published.Version;
        var draft = (await db.QuerySingleOrDefaultAsync<CatalogReads.VersionRow>(CatalogReads.VersionSql, new { id = c.Id, version }, ct))!;
        if (await AgencyJurisdiction.ProblemAsync(db, entry.AgencyId, draft.RegionCode, ct) is { } outside)
            throw new BusinessRuleException("region_outside_jurisdiction", outside + " Change the draft's region before publishing it.");
        await db.ExecuteAsync(MarkPublishedSql, new { id = c.Id, version, now }, ct);
        await TouchAsync(c.Id, status, null, version, entry.LatestVersion, null, now, ct);
        await CatalogProjection.PublishAsync(db, c.Id, ct);
        events.Publish(published);
        return await CatalogReads.ViewAsync(db, c.Id, ownerView: true, ct);
    }

    public async Task<CatalogEntryView> CreateVersionAsync(CreateCatalogEntryVersion c, IOutbox events, CancellationToken ct)
    {
        var entry = await OwnedAsync(c.Id, ct);
        var (status, created) = CatalogLifecycle.NewVersion(c.Id, entry.Status, entry.DraftVersion, entry.LatestVersion);
        var now = clock.GetUtcNow();
        await db.ExecuteAsync(CopyVersionSql, new { id = c.Id, from = entry.LatestVersion, created.Version, now }, ct);
        await TouchAsync(c.Id, status, created.Version, entry.PublishedVersion, created.Version, entry.WithdrawnReason, now, ct);
        events.Publish(created);
        return await CatalogReads.ViewAsync(db, c.Id, ownerView: true, ct);
    }

    /// <summary>The entry, if the caller's agency compiled it (or the caller is the operator or the system): another agency gets 403 for a published entry, 404 for a draft.</summary>
    public async Task<CatalogReads.EntryRow> OwnedAsync(Guid id, CancellationToken ct)
    {
        var entry = await db.QuerySingleOrDefaultAsync<CatalogReads.EntryRow>(CatalogReads.EntrySql, new { id }, ct) ?? throw new NotFound("catalog entry", id);
        if (_agency is { } agency) return entry.AgencyId == agency ? entry : throw new NotFound("catalog entry", id);
        caller.Require(CatalogReads.Item(entry), Act.AsPartyOrOperator, "catalog entry", id, "Only the agency that compiled this entry may change it.");
        return entry;
    }

    public Task TouchAsync(Guid id, string status, int? draft, int? published, int latest, string? withdrawnReason, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(TouchSql, new { id, status, draft, published, latest, withdrawnReason, now }, ct);

    /// <summary>The entry's region must exist and lie in its agency's jurisdiction (the owner's, also when the operator edits it).</summary>
    private async Task EnsureRegionAsync(Guid agencyId, string regionCode, CancellationToken ct)
    {
        if (await AgencyJurisdiction.ProblemAsync(db, agencyId, regionCode, ct) is { } problem) throw ValidationFailed.For("regionCode", problem);
    }

    private static object VersionRowOf(Guid id, int version, ICatalogContent c, DateTimeOffset now) => new
    {
        id, version, c.Title, c.Description, c.Domain, modalities = "," + string.Join(',', c.Modalities.Distinct()) + ",",
        taskTypes = "," + string.Join(',', c.TaskTypes.Distinct()) + ",", c.Volume, c.VolumeUnit, c.SecurityLevel, c.Openness,
        c.OpennessConditions, c.RegionCode, c.SourceSystem, c.UpdateFrequency, c.Contact, now,
    };

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

    private static readonly Sql DeleteVersionSql = new("delete from catalog_entry_versions where entry_id = @id and version = @version");

    private static readonly Sql InsertVersionSql = new("""
        insert into catalog_entry_versions (entry_id, version, title, description, domain, modalities, task_types, volume, volume_unit,
            security_level, openness, openness_conditions, region_code, source_system, update_frequency, contact, published_at, created_at)
        values (@id, @version, @title, @description, @domain, @modalities, @taskTypes, @volume, @volumeUnit, @securityLevel, @openness,
            @opennessConditions, @regionCode, @sourceSystem, @updateFrequency, @contact, null, @now)
        """);
}
