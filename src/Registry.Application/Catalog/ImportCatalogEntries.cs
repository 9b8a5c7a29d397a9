using System.Globalization;
using System.Text;
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

internal sealed class ImportCatalogEntriesHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock)
    : IRequestHandler<ImportCatalogEntries, CatalogImportReport>
{
    public async Task<CatalogImportReport> Handle(ImportCatalogEntries c, CancellationToken ct)
    {
        var agencyId = caller.RequireOrganization();
        var validator = new CreateCatalogEntryValidator();
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
            var handlers = new CatalogCommandHandlers(db, rowEvents, caller, clock);
            var index = i;
            try
            {
                results.Add(await db.SavepointAsync(() => ImportAsync(handlers, agencyId, index, create, c.Publish, ct), ct));
                foreach (var e in rowEvents.Events) outbox.Publish(e);
            }
            catch (ValidationFailed e)
            {
                results.Add(Error(i, r.Code, e.Errors));
            }
        }
        return new CatalogImportReport(results.Count(r => r.Outcome == "created"), results.Count(r => r.Outcome == "updated"),
            results.Count(r => r.Outcome == "unchanged"), results.Count(r => r.Outcome == "error"), results);
    }

    private async Task<CatalogImportResult> ImportAsync(CatalogCommandHandlers handlers, Guid agencyId, int index, CreateCatalogEntry row, bool publish, CancellationToken ct)
    {
        var id = await db.QuerySingleOrDefaultAsync<Guid?>(FindSql, new { agencyId, row.Code }, ct);
        if (id is null)
        {
            var created = await handlers.Handle(row, ct);
            if (publish) await handlers.Handle(new PublishCatalogEntry(created.Id), ct);
            return new CatalogImportResult(index + 1, row.Code, "created", created.Id, null);
        }
        var entry = (await db.QuerySingleOrDefaultAsync<CatalogSql.EntryRow>(CatalogSql.EntrySql, new { id }, ct))!;
        var latest = (await db.QuerySingleOrDefaultAsync<CatalogSql.VersionRow>(CatalogSql.VersionSql, new { id, version = entry.LatestVersion }, ct))!;
        var pendingPublish = publish && entry.DraftVersion is not null;
        if (Same(latest, row) && !pendingPublish) return new CatalogImportResult(index + 1, row.Code, "unchanged", id, null);
        if (entry.DraftVersion is null)
        {
            await handlers.Handle(new CreateCatalogEntryVersion(id.Value), ct);
            entry = (await db.QuerySingleOrDefaultAsync<CatalogSql.EntryRow>(CatalogSql.EntrySql, new { id }, ct))!;
        }
        await handlers.Handle(new UpdateCatalogEntry(id.Value, entry.RowVersion, row.Title, row.Description, row.Domain, row.Modalities, row.TaskTypes,
            row.Volume, row.VolumeUnit, row.SecurityLevel, row.Openness, row.OpennessConditions, row.RegionCode, row.SourceSystem, row.UpdateFrequency,
            row.Contact), ct);
        if (publish) await handlers.Handle(new PublishCatalogEntry(id.Value), ct);
        return new CatalogImportResult(index + 1, row.Code, "updated", id, null);
    }

    private static bool Same(CatalogSql.VersionRow v, CreateCatalogEntry r) =>
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

/// <summary>Reads an import file in CSV (RFC 4180, UTF-8, header row with the JSON field names; lists separated by ';').</summary>
public static class CatalogCsv
{
    public static readonly string[] Columns =
    [
        "code", "title", "description", "domain", "modalities", "taskTypes", "volume", "volumeUnit", "securityLevel", "openness",
        "opennessConditions", "regionCode", "sourceSystem", "updateFrequency", "contact",
    ];

    public static IReadOnlyList<CatalogImportRow> Parse(string text)
    {
        var records = Records(text).Where(r => r.Count > 1 || (r.Count == 1 && r[0].Length > 0)).ToList();
        if (records.Count == 0) throw ValidationFailed.For("file", "The file is empty.");
        var header = records[0].Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
        var missing = Columns.Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0) throw ValidationFailed.For("file", $"The header lacks the column(s): {string.Join(", ", missing)}.");
        string Get(IReadOnlyList<string> r, string column)
        {
            var i = header.FindIndex(h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
            return i < r.Count ? r[i].Trim() : "";
        }
        static IReadOnlyList<string> List(string s) => s.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return records.Skip(1).Select(r => new CatalogImportRow(Get(r, "code"), Get(r, "title"), Get(r, "description"), Get(r, "domain"),
            List(Get(r, "modalities")), List(Get(r, "taskTypes")),
            decimal.TryParse(Get(r, "volume"), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1,
            Get(r, "volumeUnit"), Get(r, "securityLevel"), Get(r, "openness"), Get(r, "opennessConditions") is { Length: > 0 } oc ? oc : null,
            Get(r, "regionCode"), Get(r, "sourceSystem"), Get(r, "updateFrequency"), Get(r, "contact"))).ToList();
    }

    private static IEnumerable<List<string>> Records(string text)
    {
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (ch is '\n' or '\r')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(field.ToString());
                field.Clear();
                yield return record;
                record = [];
            }
            else field.Append(ch);
        }
        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            yield return record;
        }
    }
}
