using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Catalog;

/// <summary>One entry of an import file; modalities and task types may be given as lists or, in CSV, separated by ';'.</summary>
public sealed record CatalogImportRow(string Code, string Title, string Description, string Domain, IReadOnlyList<string> Modalities,
    IReadOnlyList<string> TaskTypes, decimal Volume, string VolumeUnit, string SecurityLevel, string Openness, string? OpennessConditions,
    string RegionCode, string SourceSystem, string UpdateFrequency, string Contact);

/// <summary>created, updated, unchanged or error (with field messages); nothing of a row in error is stored.</summary>
public sealed record CatalogImportResult(int Row, string Code, string Outcome, Guid? Id, IReadOnlyDictionary<string, string[]>? Errors);

public sealed record CatalogImportReport(int Created, int Updated, int Unchanged, int Errors, IReadOnlyList<CatalogImportResult> Rows);

/// <summary>
/// An agency imports a list of entries keyed by its own codes: new codes are created, changed ones get their draft updated
/// (or a new version), identical ones are left alone, so uploading the same file again changes nothing. With
/// <see cref="Publish"/> the created and updated entries are published too.
/// </summary>
[AllowedFor(Roles.Agency)]
public sealed record ImportCatalogEntries(IReadOnlyList<CatalogImportRow> Rows, bool Publish) : ICommand<CatalogImportReport>;

public sealed class ImportCatalogEntriesValidator : AbstractValidator<ImportCatalogEntries>
{
    public const int MaxRows = 5000;

    // Each row's fields are checked as a CreateCatalogEntry by the handler and reported in that row's result.
    public ImportCatalogEntriesValidator() =>
        RuleFor(x => x.Rows).NotEmpty().MaxCount(MaxRows).WithMessage($"Import 1 to {MaxRows} entries at a time.");
}

internal sealed class ImportCatalogEntriesHandler(IWriteDb db, IOutbox outbox, ICaller caller, IValidator<CreateCatalogEntry> validator,
    CatalogWrites writes) : IRequestHandler<ImportCatalogEntries, CatalogImportReport>
{
    public async Task<CatalogImportReport> Handle(ImportCatalogEntries c, CancellationToken ct)
    {
        var agencyId = caller.RequireOrganization();
        var results = new List<CatalogImportResult>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < c.Rows.Count; i++)
        {
            var r = c.Rows[i];
            var create = new CreateCatalogEntry(r.Code, r.Title, r.Description, r.Domain, r.Modalities ?? [], r.TaskTypes ?? [], r.Volume, r.VolumeUnit,
                r.SecurityLevel, r.Openness, r.OpennessConditions, r.RegionCode, r.SourceSystem, r.UpdateFrequency, r.Contact);
            var validation = await validator.ValidateAsync(create, ct);
            if (!validation.IsValid)
            {
                results.Add(Error(i, r.Code, validation.Errors.GroupBy(e => Camel(e.PropertyName)).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray())));
                continue;
            }
            if (!seen.Add(r.Code))
            {
                results.Add(Error(i, r.Code, new Dictionary<string, string[]> { ["code"] = ["This code appears earlier in the same file."] }));
                continue;
            }
            // A region outside the agency's jurisdiction is refused before the row touches anything.
            if (await AgencyJurisdiction.ProblemAsync(db, agencyId, r.RegionCode, ct) is { } outside)
            {
                results.Add(Error(i, r.Code, new Dictionary<string, string[]> { ["regionCode"] = [outside] }));
                continue;
            }
            // A row in error stores nothing: its writes are rolled back to the savepoint and its events are never published.
            var rowEvents = new CommandJournal();
            var index = i;
            try
            {
                results.Add(await db.SavepointAsync(() => ImportAsync(rowEvents, agencyId, index, create, c.Publish, ct), ct));
                foreach (var e in rowEvents.Events) outbox.Publish(e.Payload);
            }
            catch (ValidationFailed e)
            {
                results.Add(Error(i, r.Code, e.Errors));
            }
        }
        return new CatalogImportReport(results.Count(r => r.Outcome == "created"), results.Count(r => r.Outcome == "updated"),
            results.Count(r => r.Outcome == "unchanged"), results.Count(r => r.Outcome == "error"), results);
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

    private static CatalogImportResult Error(int index, string? code, IReadOnlyDictionary<string, string[]> errors) =>
        new(index + 1, code ?? "", "error", null, errors);

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static readonly Sql FindSql = new("select id from catalog_entries where agency_id = @agencyId and code = @code");
}
