using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Catalog;

/// <summary>One entry of an import file; modalities and task types may be given as lists or, in CSV, separated by ';'.</summary>
public sealed record CatalogImportRow(string Code, string Title, string Description, string Domain, IReadOnlyList<string> Modalities,
    IReadOnlyList<string> TaskTypes, decimal Volume, string VolumeUnit, string SecurityLevel, string Openness, string? OpennessConditions,
    string RegionCode, string SourceSystem, string UpdateFrequency, string Contact)
{
    /// <summary>The row as the entry it creates: its fields are checked as that request's.</summary>
    public CreateCatalogEntry ToCreate() => new(Code, Title, Description, Domain, Modalities ?? [], TaskTypes ?? [], Volume, VolumeUnit,
        SecurityLevel, Openness, OpennessConditions, RegionCode, SourceSystem, UpdateFrequency, Contact);
}

/// <summary>created, updated, unchanged or error (with field messages); nothing of a row in error is stored.</summary>
public sealed record CatalogImportResult(int Row, string Code, string Outcome, Guid? Id, IReadOnlyDictionary<string, string[]>? Errors)
{
    public static CatalogImportResult Refused(int row, string? code, IReadOnlyDictionary<string, string[]> errors) => new(row, code ?? "", "error", null, errors);
}

public sealed record CatalogImportReport(int Created, int Updated, int Unchanged, int Errors, IReadOnlyList<CatalogImportResult> Rows);

/// <summary>
/// An agency imports a list of entries keyed by its own codes: new codes are created, changed ones get their draft updated
/// (or a new version), identical ones are left alone, so uploading the same file again changes nothing. With
/// <see cref="Publish"/> the created and updated entries are published too. The file commits in batches of
/// <see cref="ISqlDialect.BulkBatchRows"/> rows (<see cref="ImportCatalogBatch"/>: 200 on PostgreSQL and SQL Server, 5 on
/// SQLite), each with its own audit record, so that no other writer waits for more than one batch; the answer still
/// reports every row.
/// </summary>
[AllowedFor(Roles.Agency)]
public sealed record ImportCatalogEntries(IReadOnlyList<CatalogImportRow> Rows, bool Publish) : ISteppedCommand<CatalogImportReport>;

public sealed class ImportCatalogEntriesValidator : AbstractValidator<ImportCatalogEntries>
{
    public const int MaxRows = 5000;

    // Each row's fields are checked as a CreateCatalogEntry by the handler and reported in that row's result.
    public ImportCatalogEntriesValidator() =>
        RuleFor(x => x.Rows).NotEmpty().MaxCount(MaxRows).WithMessage(_ => Texts.Format("validation.import_rows", MaxRows));
}

internal sealed class ImportCatalogEntriesHandler(IMediator mediator, ICaller caller, IValidator<CreateCatalogEntry> validator, IConnectionFactory connections)
    : IRequestHandler<ImportCatalogEntries, CatalogImportReport>
{
    public async Task<CatalogImportReport> Handle(ImportCatalogEntries c, CancellationToken ct)
    {
        caller.RequireOrganization();
        var results = new CatalogImportResult?[c.Rows.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var accepted = new List<NumberedImportRow>();
        for (var i = 0; i < c.Rows.Count; i++)
        {
            var r = c.Rows[i];
            var validation = await validator.ValidateAsync(r.ToCreate(), ct);
            if (!validation.IsValid)
                results[i] = CatalogImportResult.Refused(i + 1, r.Code, validation.Errors.GroupBy(e => Camel(e.PropertyName)).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()));
            else if (!seen.Add(r.Code))
                results[i] = CatalogImportResult.Refused(i + 1, r.Code, new Dictionary<string, string[]> { ["code"] = ["This code appears earlier in the same file."] });
            else
                accepted.Add(new NumberedImportRow(i + 1, r));
        }

        // Batches by position in the file, so the same file always splits the same way on the same database: sent again with
        // the same Idempotency-Key, it meets the same batches and replays those that committed. A batch whose rows were all
        // refused above is not sent.
        var size = connections.Dialect.BulkBatchRows;
        foreach (var batch in accepted.GroupBy(r => (r.Row - 1) / size))
        {
            var written = await mediator.Send(new ImportCatalogBatch(batch.Key + 1, batch.ToList(), c.Publish), ct);
            foreach (var result in written) results[result.Row - 1] = result;
        }
        var rows = results.Select(r => r!).ToList();
        return new CatalogImportReport(rows.Count(r => r.Outcome == "created"), rows.Count(r => r.Outcome == "updated"),
            rows.Count(r => r.Outcome == "unchanged"), rows.Count(r => r.Outcome == "error"), rows);
    }

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
