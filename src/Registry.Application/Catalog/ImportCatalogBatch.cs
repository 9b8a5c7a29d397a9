using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Catalog;

/// <summary>A row of an import file with its position in the file (1-based), as the report numbers it.</summary>
public sealed record NumberedImportRow(int Row, CatalogImportRow Entry);

/// <summary>
/// One batch of an <see cref="ImportCatalogEntries"/>: its checked rows written in one transaction with one audit record
/// (concerning the agency) and the rows' events. Sent only by that handler; answers a result per row.
/// </summary>
[AllowedFor(Roles.Agency)]
public sealed record ImportCatalogBatch(int Batch, IReadOnlyList<NumberedImportRow> Rows, bool Publish)
    : ICommand<IReadOnlyList<CatalogImportResult>>, ICommandStep
{
    /// <summary>The most rows of the file in one batch (<see cref="ISqlDialect.BulkBatchRows"/> is at most this).</summary>
    public const int MaxSize = 200;

    public string Step => "catalog-import-batch-" + Batch;
}

public sealed class ImportCatalogBatchValidator : AbstractValidator<ImportCatalogBatch>
{
    // The rows' fields were checked by ImportCatalogEntries before batching.
    public ImportCatalogBatchValidator() =>
        RuleFor(x => x.Rows).NotEmpty().MaxCount(ImportCatalogBatch.MaxSize);
}

internal sealed class ImportCatalogBatchHandler(IWriteDb db, IOutbox outbox, ICaller caller, CatalogWrites writes)
    : IRequestHandler<ImportCatalogBatch, IReadOnlyList<CatalogImportResult>>
{
    public async Task<IReadOnlyList<CatalogImportResult>> Handle(ImportCatalogBatch c, CancellationToken ct)
    {
        var agencyId = caller.RequireOrganization();
        outbox.Concerning("organization", agencyId.ToString());
        var results = new List<CatalogImportResult>();
        foreach (var (row, r) in c.Rows)
        {
            var index = row - 1;
            // A region outside the agency's jurisdiction is refused before the row touches anything.
            if (await AgencyJurisdiction.ProblemAsync(db, agencyId, r.RegionCode, ct) is { } outside)
            {
                results.Add(CatalogImportResult.Refused(row, r.Code, new Dictionary<string, string[]> { ["regionCode"] = [outside] }));
                continue;
            }
            // A row in error stores nothing: its writes are rolled back to the savepoint and its events are never published.
            var rowEvents = new CommandJournal();
            try
            {
                results.Add(await db.SavepointAsync(() => ImportAsync(rowEvents, agencyId, index, r.ToCreate(), c.Publish, ct), ct));
                foreach (var e in rowEvents.Events) outbox.Publish(e.Payload);
            }
            catch (ValidationFailed e)
            {
                results.Add(CatalogImportResult.Refused(row, r.Code, e.Errors));
            }
        }
        return results;
    }

    private async Task<CatalogImportResult> ImportAsync(IOutbox rowEvents, Guid agencyId, int index, CreateCatalogEntry row, bool publish, CancellationToken ct)
    {
        var id = await db.QuerySingleOrDefaultAsync<Guid?>(FindSql, new { agencyId, row.Code }, ct);
        if (id is null)
        {
            var created = await writes.CreateAsync(row, rowEvents, ct);
            if (publish) await writes.PublishAsync(new PublishCatalogEntry(created.Id), rowEvents, ct);
            return new CatalogImportResult(index + 1, row.Code, "created", created.Id, null);
        }
        var entry = (await db.QuerySingleOrDefaultAsync<CatalogReads.EntryRow>(CatalogReads.EntrySql, new { id }, ct))!;
        var latest = (await db.QuerySingleOrDefaultAsync<CatalogReads.VersionRow>(CatalogReads.VersionSql, new { id, version = entry.LatestVersion }, ct))!;
        var pendingPublish = publish && entry.DraftVersion is not null;
        if (Same(latest, row) && !pendingPublish) return new CatalogImportResult(index + 1, row.Code, "unchanged", id, null);
        if (entry.DraftVersion is null)
        {
            await writes.CreateVersionAsync(new CreateCatalogEntryVersion(id.Value), rowEvents, ct);
            entry = (await db.QuerySingleOrDefaultAsync<CatalogReads.EntryRow>(CatalogReads.EntrySql, new { id }, ct))!;
        }
        await writes.UpdateAsync(new UpdateCatalogEntry(id.Value, entry.RowVersion, row.Title, row.Description, row.Domain, row.Modalities, row.TaskTypes,
            row.Volume, row.VolumeUnit, row.SecurityLevel, row.Openness, row.OpennessConditions, row.RegionCode, row.SourceSystem, row.UpdateFrequency,
            row.Contact), rowEvents, ct);
        if (publish) await writes.PublishAsync(new PublishCatalogEntry(id.Value), rowEvents, ct);
        return new CatalogImportResult(index + 1, row.Code, "updated", id, null);
    }

    private static bool Same(CatalogReads.VersionRow v, CreateCatalogEntry r) =>
        v.Title == r.Title && v.Description == r.Description && v.Domain == r.Domain
        && v.Modalities == "," + string.Join(',', r.Modalities.Distinct()) + "," && v.TaskTypes == "," + string.Join(',', r.TaskTypes.Distinct()) + ","
        && v.Volume == r.Volume && v.VolumeUnit == r.VolumeUnit && v.SecurityLevel == r.SecurityLevel && v.Openness == r.Openness
        && v.OpennessConditions == r.OpennessConditions && v.RegionCode == r.RegionCode && v.SourceSystem == r.SourceSystem
        && v.UpdateFrequency == r.UpdateFrequency && v.Contact == r.Contact;

    private static readonly Sql FindSql = new("select id from catalog_entries where agency_id = @agencyId and code = @code");
}
