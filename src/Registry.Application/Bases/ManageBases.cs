using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Reference;
using Registry.Domain.Regions;

namespace Registry.Application.Bases;

/// <summary>The operator adds a data labeling base: a national one, or one a province designates.</summary>
[AllowedFor(Roles.Admin)]
public sealed record CreateBase(string Code, string NameZh, string? NameEn, string Level, string RegionCode, string? FocusZh,
    string? FocusEn, IReadOnlyList<string> FocusDomains) : ICommand<BaseSummary>;

/// <summary>The operator corrects a base's names, level, city or focus.</summary>
[AllowedFor(Roles.Admin)]
public sealed record UpdateBase(Guid Id, string NameZh, string? NameEn, string Level, string RegionCode, string? FocusZh,
    string? FocusEn, IReadOnlyList<string> FocusDomains, long ExpectedVersion) : ICommand<BaseSummary>;

internal static class BaseRules
{
    public static void Apply<T>(AbstractValidator<T> v, Func<T, string> nameZh, Func<T, string?> nameEn, Func<T, string> level,
        Func<T, string> region, Func<T, string?> focusZh, Func<T, string?> focusEn, Func<T, IReadOnlyList<string>> domains)
    {
        v.RuleFor(x => nameZh(x)).NotEmpty().Name(100).OverridePropertyName("nameZh");
        v.RuleFor(x => nameEn(x)).Name(100).OverridePropertyName("nameEn");
        v.RuleFor(x => level(x)).Must(l => l is "national" or "provincial").OverridePropertyName("level")
            .WithMessage("'level' must be 'national' or 'provincial'.");
        v.RuleFor(x => region(x)).Must(r => RegionCode.IsWellFormed(r) && r != RegionCode.National).OverridePropertyName("regionCode")
            .WithMessage("'regionCode' must be the GB/T 2260 code of a province or city, e.g. 510100.");
        v.RuleFor(x => focusZh(x)).MultilineText(500).OverridePropertyName("focusZh");
        v.RuleFor(x => focusEn(x)).MultilineText(500).OverridePropertyName("focusEn");
        v.RuleFor(x => domains(x)).NotNull().MaxCount(IndustryDomains.All.Count).OverridePropertyName("focusDomains");
        v.RuleForEach(x => domains(x)).Must(IndustryDomains.IsKnown).OverridePropertyName("focusDomains")
            .WithMessage("Unknown industry domain '{PropertyValue}'; see /api/v1/reference/domains.");
    }
}

public sealed class CreateBaseValidator : AbstractValidator<CreateBase>
{
    public CreateBaseValidator()
    {
        RuleFor(x => x.Code).NotEmpty().Length(2, 40).Matches(@"^[a-z][a-z0-9-]*\z")
            .WithMessage("'code' has 2 to 40 lower-case letters, digits or hyphens, starting with a letter.");
        BaseRules.Apply(this, x => x.NameZh, x => x.NameEn, x => x.Level, x => x.RegionCode, x => x.FocusZh, x => x.FocusEn, x => x.FocusDomains);
    }
}

public sealed class UpdateBaseValidator : AbstractValidator<UpdateBase>
{
    public UpdateBaseValidator()
    {
        BaseRules.Apply(this, x => x.NameZh, x => x.NameEn, x => x.Level, x => x.RegionCode, x => x.FocusZh, x => x.FocusEn, x => x.FocusDomains);
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).WithMessage("Send the version you read as If-Match.");
    }
}

internal sealed class CreateBaseHandler(IWriteDb db, IOutbox outbox, TimeProvider clock) : IRequestHandler<CreateBase, BaseSummary>
{
    public async Task<BaseSummary> Handle(CreateBase c, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (await db.ScalarAsync<int>(BaseWrites.RegionExistsSql, new { c.RegionCode }, ct) == 0)
            errors["regionCode"] = [$"Unknown region code {c.RegionCode}."];
        if (await db.ScalarAsync<int>(CodeTakenSql, new { c.Code }, ct) > 0)
            errors["code"] = [$"A base with code '{c.Code}' exists."];
        if (errors.Count > 0) throw new ValidationFailed(errors);

        var id = Guid.CreateVersion7();
        await db.ExecuteAsync(InsertSql, new { id, c.Code, c.NameZh, c.NameEn, c.Level, c.RegionCode, c.FocusZh, c.FocusEn, now = clock.GetUtcNow() }, ct);
        var view = await BaseWrites.ProjectAsync(db, id, c.FocusDomains, ct);
        outbox.Publish(new OutboxEvent("base.created", "base", id.ToString(), view));
        return view;
    }

    private static readonly Sql CodeTakenSql = new("select count(*) from bases where code = @code");

    private static readonly Sql InsertSql = new("""
        insert into bases (id, code, name_zh, name_en, level, region_code, focus_zh, focus_en, row_version, created_at, updated_at)
        values (@id, @code, @nameZh, @nameEn, @level, @regionCode, @focusZh, @focusEn, 1, @now, @now)
        """);
}

internal sealed class UpdateBaseHandler(IWriteDb db, IOutbox outbox, TimeProvider clock) : IRequestHandler<UpdateBase, BaseSummary>
{
    public async Task<BaseSummary> Handle(UpdateBase c, CancellationToken ct)
    {
        var version = await db.QuerySingleOrDefaultAsync<long?>(VersionSql, new { c.Id }, ct) ?? throw new NotFound("base", c.Id);
        if (version != c.ExpectedVersion)
            throw new PreconditionFailed($"The base is at version {version}, not {c.ExpectedVersion}. Read it again.");
        if (await db.ScalarAsync<int>(BaseWrites.RegionExistsSql, new { c.RegionCode }, ct) == 0)
            throw ValidationFailed.For("regionCode", $"Unknown region code {c.RegionCode}.");
        await db.ExecuteAsync(UpdateSql, new { c.Id, c.NameZh, c.NameEn, c.Level, c.RegionCode, c.FocusZh, c.FocusEn, now = clock.GetUtcNow() }, ct);
        var view = await BaseWrites.ProjectAsync(db, c.Id, c.FocusDomains, ct);
        outbox.Publish(new OutboxEvent("base.updated", "base", c.Id.ToString(), view));
        return view;
    }

    private static readonly Sql VersionSql = new("select row_version from bases where id = @id");

    private static readonly Sql UpdateSql = new("""
        update bases set name_zh = @nameZh, name_en = @nameEn, level = @level, region_code = @regionCode, focus_zh = @focusZh,
            focus_en = @focusEn, row_version = row_version + 1, updated_at = @now
        where id = @id
        """);
}

/// <summary>Writes a base's focus domains and rebuilds its <c>base_directory</c> row in the command's transaction.</summary>
internal static class BaseWrites
{
    public static readonly Sql RegionExistsSql = new("select count(*) from regions where code = @regionCode");

    public static async Task<BaseSummary> ProjectAsync(IWriteDb db, Guid id, IReadOnlyList<string> focusDomains, CancellationToken ct)
    {
        var domains = focusDomains.Distinct().ToList();
        await db.ExecuteAsync(DeleteDomainsSql, new { id }, ct);
        foreach (var domain in domains) await db.ExecuteAsync(InsertDomainSql, new { id, domain }, ct);
        await db.ExecuteAsync(DeleteDirectorySql, new { id }, ct);
        await db.ExecuteAsync(InsertDirectorySql, new { id, focusDomains = string.Join(',', domains) }, ct);
        return (await db.QuerySingleOrDefaultAsync<BaseRow>(DirectorySql, new { id }, ct))!.ToSummary();
    }

    private static readonly Sql DeleteDomainsSql = new("delete from base_focus_domains where base_id = @id");

    private static readonly Sql InsertDomainSql = new("insert into base_focus_domains (base_id, domain_code) values (@id, @domain)");

    private static readonly Sql DeleteDirectorySql = new("delete from base_directory where id = @id");

    private static readonly Sql InsertDirectorySql = new("""
        insert into base_directory (id, code, name_zh, name_en, level, region_code, region_name_zh, province_code, province_name_zh,
            focus_zh, focus_en, focus_domains, enterprise_count, version, updated_at)
        select b.id, b.code, b.name_zh, b.name_en, b.level, r.code, r.name_zh, p.code, p.name_zh, b.focus_zh, b.focus_en,
            @focusDomains, 0, b.row_version, b.updated_at
        from bases b
        join regions r on r.code = b.region_code
        join regions p on p.code = case when r.level = 'city' then r.parent_code else r.code end
        where b.id = @id
        """);

    private static readonly Sql DirectorySql = new($"select {BaseRow.Columns} from base_directory where id = @id");
}
