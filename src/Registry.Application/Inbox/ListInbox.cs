using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Inbox;

/// <summary>The calling organization's notices, newest first; <see cref="Unread"/> keeps the unread ones, <see cref="Kind"/> one kind.</summary>
[AllowedFor(Roles.Agency, Roles.Enterprise, Roles.Regulator, Roles.Certifier, Roles.Node, Roles.Admin)]
public sealed record ListInbox(bool? Unread, string? Kind, int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<Page<NoticeView>>, IPaged
{
    public static readonly string[] Kinds = ["invitation", "question_answered", "demand_closed", "result", "alert_raised", "certificate_expiring",
        "bid_needs_confirmation", "challenge_filed", "challenge_answered", "complaint_decided", "contract_signed", "award_annulled"];
}

public sealed class ListInboxValidator : AbstractValidator<ListInbox>
{
    public ListInboxValidator()
    {
        this.RulesForPaging();
        RuleFor(x => x.Kind).Must(k => k is null || ListInbox.Kinds.Contains(k))
            .WithMessage(_ => Texts.Format("validation.one_of", "kind", string.Join(", ", ListInbox.Kinds)));
    }
}

internal sealed class ListInboxHandler(IReadDb db, ICaller caller) : IRequestHandler<ListInbox, Page<NoticeView>>
{
    public Task<Page<NoticeView>> Handle(ListInbox q, CancellationToken ct)
    {
        var filter = new
        {
            organizationId = caller.RequireOrganization(), unread = q.Unread == true ? 1 : 0, readOnly = q.Unread == false ? 1 : 0, kind = q.Kind,
            offset = (q.Page - 1) * q.PageSize, limit = q.PageSize,
        };
        return db.PageAsync<NoticeView>(CountSql, PageSql, filter, q, ct);
    }

    private const string Where = """
        where organization_id = @organizationId and (@kind is null or kind = @kind)
            and (@unread = 0 or read_at is null) and (@readOnly = 0 or read_at is not null)
        """;

    private static readonly Sql CountSql = new("select count(*) from inbox_notices " + Where);

    private static readonly Sql PageSql = new(d => $"""
        select id, kind, subject_type, subject_id, title_zh, title_en, link, occurred_at, read_at from inbox_notices
        {Where}
        order by event_seq desc, id {d.Page}
        """);
}
