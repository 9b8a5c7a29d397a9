using FluentValidation;

namespace Registry.Application.Common;

/// <summary>One page of a list, with the total number of matching items.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

/// <summary>Paging input shared by list queries: 1-based page number, page size 1..100 (default 20).</summary>
public interface IPaged
{
    int Page { get; }

    int PageSize { get; }
}

public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static object Args(this IPaged p) => new { offset = (p.Page - 1) * p.PageSize, limit = p.PageSize };

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
