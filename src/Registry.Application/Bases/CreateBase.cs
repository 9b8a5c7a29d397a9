using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Bases;
using Registry.Domain.Regions;

namespace Registry.Application.Bases;

/// <summary>The operator adds a data labeling base: a national one, or one a province designates.</summary>
[AllowedFor(Roles.Admin)]
public sealed record CreateBase(string Code, string NameZh, string? NameEn, string Level, string RegionCode, string? FocusZh,
    string? FocusEn, IReadOnlyList<string> FocusDomains) : ICommand<BaseSummary>;

public sealed class CreateBaseValidator : AbstractValidator<CreateBase>
{
    public CreateBaseValidator(RegionDirectory regions)
    {
        RuleFor(x => x.Code).NotEmpty().Length(2, 40).Matches(@"^[a-z][a-z0-9-]*\z")
            .WithMessage(_ => Texts.Get("validation.base_code"));
        BaseValidation.Apply(this, regions, x => x.NameZh, x => x.NameEn, x => x.Level, x => x.RegionCode, x => x.FocusZh, x => x.FocusEn, x => x.FocusDomains);
    }
}

internal sealed class CreateBaseHandler(IWriteDb db, IOutbox outbox, TimeProvider clock) : IRequestHandler<CreateBase, BaseSummary>
{
    public async Task<BaseSummary> Handle(CreateBase c, CancellationToken ct)
    {
        if (await db.ScalarAsync<int>(CodeTakenSql, new { c.Code }, ct) > 0) throw ValidationFailed.For("code", $"A base with code '{c.Code}' exists.");

        var id = Guid.CreateVersion7();
        await db.ExecuteAsync(InsertSql, new { id, c.Code, c.NameZh, c.NameEn, c.Level, c.RegionCode, c.FocusZh, c.FocusEn, now = clock.GetUtcNow() }, ct);
        var view = await BaseWrites.ProjectAsync(db, id, c.FocusDomains, ct);
        outbox.Publish(new BaseCreated(view.Id, view.Code, view.NameZh, view.Level, view.RegionCode));
        return view;
    }

    private static readonly Sql CodeTakenSql = new("select count(*) from bases where code = @code");

    private static readonly Sql InsertSql = new("""
        insert into bases (id, code, name_zh, name_en, level, region_code, focus_zh, focus_en, row_version, created_at, updated_at)
        values (@id, @code, @nameZh, @nameEn, @level, @regionCode, @focusZh, @focusEn, 1, @now, @now)
        """);
}
