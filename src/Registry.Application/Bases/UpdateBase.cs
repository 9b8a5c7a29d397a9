using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Bases;
using Registry.Domain.Regions;

namespace Registry.Application.Bases;

/// <summary>The operator corrects a base's names, level, city or focus.</summary>
[AllowedFor(Roles.Admin)]
public sealed record UpdateBase(Guid Id, string NameZh, string? NameEn, string Level, string RegionCode, string? FocusZh,
    string? FocusEn, IReadOnlyList<string> FocusDomains, long ExpectedVersion) : ICommand<BaseSummary>;

public sealed class UpdateBaseValidator : AbstractValidator<UpdateBase>
{
    public UpdateBaseValidator(RegionDirectory regions)
    {
        BaseValidation.Apply(this, regions, x => x.NameZh, x => x.NameEn, x => x.Level, x => x.RegionCode, x => x.FocusZh, x => x.FocusEn, x => x.FocusDomains);
        RuleFor(x => x.ExpectedVersion).IfMatchVersion();
    }
}

internal sealed class UpdateBaseHandler(IWriteDb db, IOutbox outbox, TimeProvider clock) : IRequestHandler<UpdateBase, BaseSummary>
{
    public async Task<BaseSummary> Handle(UpdateBase c, CancellationToken ct)
    {
        var version = await db.QuerySingleOrDefaultAsync<long?>(VersionSql, new { c.Id }, ct) ?? throw new NotFound("base", c.Id);
        PreconditionFailed.ThrowIfStale("base", version, c.ExpectedVersion);
        await db.ExecuteAsync(UpdateSql, new { c.Id, c.NameZh, c.NameEn, c.Level, c.RegionCode, c.FocusZh, c.FocusEn, now = clock.GetUtcNow() }, ct);
        var view = await BaseWrites.ProjectAsync(db, c.Id, c.FocusDomains, ct);
        outbox.Publish(new BaseUpdated(view.Id, view.Code, view.NameZh, view.Level, view.RegionCode));
        return view;
    }

    private static readonly Sql VersionSql = new("select row_version from bases where id = @id");

    private static readonly Sql UpdateSql = new("""
        update bases set name_zh = @nameZh, name_en = @nameEn, level = @level, region_code = @regionCode, focus_zh = @focusZh,
            focus_en = @focusEn, row_version = row_version + 1, updated_at = @now
        where id = @id
        """);
}
