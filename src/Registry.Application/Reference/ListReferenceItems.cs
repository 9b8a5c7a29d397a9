using FluentValidation;
using MediatR;
using Registry.Application.Common;

namespace Registry.Application.Reference;

/// <summary>One entry of a reference list: a stable code, its Chinese name and its English name.</summary>
public sealed record ReferenceItemView
{
    public required string Code { get; init; }
    public required string NameZh { get; init; }
    public required string NameEn { get; init; }
}

/// <summary>Reads one reference list in its defined order.</summary>
[Public]
public sealed record ListReferenceItems(string List) : IQuery<IReadOnlyList<ReferenceItemView>>;

public sealed class ListReferenceItemsValidator : AbstractValidator<ListReferenceItems>
{
    public ListReferenceItemsValidator() =>
        RuleFor(x => x.List).Must(ReferenceLists.All.Contains)
            .WithMessage(_ => Texts.Format("validation.unknown_reference_list", string.Join(", ", ReferenceLists.All)));
}

internal sealed class ListReferenceItemsHandler(IReadDb db) : IRequestHandler<ListReferenceItems, IReadOnlyList<ReferenceItemView>>
{
    public Task<IReadOnlyList<ReferenceItemView>> Handle(ListReferenceItems query, CancellationToken ct) =>
        db.QueryAsync<ReferenceItemView>(ListSql, new { list = query.List }, ct);

    private static readonly Sql ListSql = new("""
        select code, name_zh, name_en from reference_items where list = @list order by sort_order
        """);
}
