using System.Linq.Expressions;
using FluentValidation;

namespace Registry.Application.Common;

/// <summary>The rules every search shares: list filters over a closed set of values, and its choice of order.</summary>
public static class SearchRules
{
    /// <summary>Most values a list filter takes: a closed set never needs more, and each one costs the query.</summary>
    public const int MaxListValues = 50;

    /// <summary>A repeated query parameter: at most <see cref="MaxListValues"/> values, each known (an unknown one is named by its position).</summary>
    public static void ClosedList<T>(this AbstractValidator<T> validator, Expression<Func<T, IEnumerable<string>?>> list, Func<string, bool> isKnown,
        Func<string> message)
    {
        validator.RuleFor(list).MaxCount(MaxListValues);
        validator.RuleForEach(list!).Must(isKnown).WithMessage(_ => message());
    }

    /// <summary>
    /// <c>sort</c> is one of <paramref name="sorts"/>; with <paramref name="keywords"/>, <c>relevance</c> ranks keyword matches and
    /// needs them.
    /// </summary>
    public static void Sort<T>(this AbstractValidator<T> validator, Expression<Func<T, string?>> sort, IReadOnlyCollection<string> sorts,
        Func<T, string?>? keywords = null)
    {
        validator.RuleFor(sort).Must(s => s is null || sorts.Contains(s))
            .WithMessage(_ => Texts.Format("validation.one_of", "sort", string.Join(", ", sorts)));
        if (keywords is not null)
            validator.RuleFor(sort).Must((q, s) => s != "relevance" || !string.IsNullOrWhiteSpace(keywords(q)))
                .WithMessage(_ => Texts.Get("validation.relevance_needs_q"));
    }
}
