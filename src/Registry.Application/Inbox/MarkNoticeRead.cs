using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Inbox;

/// <summary>The organization marks one of its notices read (again: nothing changes). Another organization's notice does not exist for it.</summary>
[AllowedFor(Roles.Agency, Roles.Enterprise, Roles.Regulator, Roles.Certifier, Roles.Node, Roles.Admin)]
public sealed record MarkNoticeRead(Guid NoticeId) : ICommand<NoticeView>;

internal sealed class MarkNoticeReadHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock) : IRequestHandler<MarkNoticeRead, NoticeView>
{
    public async Task<NoticeView> Handle(MarkNoticeRead c, CancellationToken ct)
    {
        var organizationId = caller.RequireOrganization();
        outbox.Concerning("inbox_notice", c.NoticeId.ToString());
        await db.ExecuteAsync(ReadSql, new { id = c.NoticeId, organizationId, now = clock.GetUtcNow() }, ct);
        return await db.QuerySingleOrDefaultAsync<NoticeView>(ByIdSql, new { id = c.NoticeId, organizationId }, ct) ?? throw new NotFound("notice", c.NoticeId);
    }

    private static readonly Sql ReadSql = new("""
        update inbox_notices set read_at = @now where id = @id and organization_id = @organizationId and read_at is null
        """);

    private static readonly Sql ByIdSql = new("""
        select id, kind, subject_type, subject_id, title_zh, title_en, link, occurred_at, read_at from inbox_notices
        where id = @id and organization_id = @organizationId
        """);
}
