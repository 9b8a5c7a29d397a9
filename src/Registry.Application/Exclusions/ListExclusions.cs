using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Time;

namespace Registry.Application.Exclusions;

/// <summary>
/// The public register of exclusions (as SAM.gov's Exclusions API): search by the enterprise's name or credit code, an exact
/// credit code, and whether the exclusion is in force today in China (<c>active=true</c>) or not; newest start first.
/// </summary>
[Public]
public sealed record ListExclusions(string? Q, string? CreditCode, bool? Active, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<Page<ExclusionView>>, IPaged;

public sealed class ListExclusionsValidator : AbstractValidator<ListExclusions>
{
    public ListExclusionsValidator()
    {
        this.RulesForPaging();
        RuleFor(x => x.Q).PlainText(TextRules.QueryLength);
        RuleFor(x => x.CreditCode).PlainText(18);
    }
}

internal sealed class ListExclusionsHandler(IReadDb db, TimeProvider clock) : IRequestHandler<ListExclusions, Page<ExclusionView>>
{
    public async Task<Page<ExclusionView>> Handle(ListExclusions q, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var text = string.IsNullOrWhiteSpace(q.Q) ? null : q.Q.Trim();
        var filter = new
        {
            q = text, qLike = text is null ? null : "%" + Like.Escape(text) + "%", code = text?.ToUpperInvariant(),
            creditCode = string.IsNullOrWhiteSpace(q.CreditCode) ? null : q.CreditCode.Trim().ToUpperInvariant(),
            onlyInForce = q.Active == true ? 1 : 0, onlyNotInForce = q.Active == false ? 1 : 0, today,
            offset = (q.Page - 1) * q.PageSize, limit = q.PageSize,
        };
        var page = await db.PageAsync<ExclusionReads.ExclusionRow>(CountSql, PageSql, filter, q, ct);
        return new Page<ExclusionView>([.. page.Items.Select(r => r.ToView(today))], page.Total, page.PageNumber, page.PageSize);
    }

    private static string Where(ISqlDialect d) => $"""
        where (@q is null or {d.ContainsIgnoreCase("o.name_zh", "@qLike")} or o.credit_code = @code)
          and (@creditCode is null or o.credit_code = @creditCode)
          and (@onlyInForce = 0 or {ExclusionReads.InForce})
          and (@onlyNotInForce = 0 or not {ExclusionReads.InForce})
        """;

    private static readonly Sql CountSql = new(d => $"""
        select count(*) from exclusions x join organizations o on o.id = x.enterprise_id {Where(d)}
        """);

    private static readonly Sql PageSql = new(d => $"{ExclusionReads.Select} {Where(d)} order by x.start_date desc, x.id desc {d.Page}");
}
