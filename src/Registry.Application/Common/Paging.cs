using FluentValidation;

namespace Registry.Application.Common;

/// <summary>Page sizes, the counted page read and the paging rules that list queries share.</summary>
public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Counts the matches and reads the requested page; the filter object carries <c>offset</c> and <c>limit</c>.</summary>
    public static async Task<Page<T>> PageAsync<T>(this IQueryDb db, Sql count, Sql page, object filter, IPaged paged, CancellationToken ct)
    {
        var total = await db.ScalarAsync<int>(count, filter, ct);
        return new Page<T>(await db.QueryAsync<T>(page, filter, ct), total, paged.Page, paged.PageSize);
    }

    public static void RulesForPaging<T>(this AbstractValidator<T> v) where T : IPaged
    {
        v.RuleFor(x => x.Page).GreaterThanOrEqualTo(1).LessThanOrEqualTo(100_000);
        v.RuleFor(x => x.PageSize).InclusiveBetween(1, MaxPageSize);
    }
}
