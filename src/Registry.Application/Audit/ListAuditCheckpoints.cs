using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Audit;

/// <summary>A page of checkpoints, newest first, with the public keys they are checked with, so they can be kept and checked elsewhere.</summary>
public sealed record AuditCheckpointPage(IReadOnlyList<AuditCheckpointView> Items, int Total, int PageNumber, int PageSize,
    IReadOnlyList<AuditSigningKey> Keys);

/// <summary>The signed checkpoints of the audit chain, newest first, each with the text that was signed and whether its signature checks.</summary>
[AllowedFor(Roles.Regulator, Roles.Admin)]
public sealed record ListAuditCheckpoints(int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<AuditCheckpointPage>, IPaged;

public sealed class ListAuditCheckpointsValidator : AbstractValidator<ListAuditCheckpoints>
{
    public ListAuditCheckpointsValidator() => this.RulesForPaging();
}

internal sealed class ListAuditCheckpointsHandler(IReadDb db, AuditChainReads chain, IAuditSigner signer)
    : IRequestHandler<ListAuditCheckpoints, AuditCheckpointPage>
{
    public async Task<AuditCheckpointPage> Handle(ListAuditCheckpoints q, CancellationToken ct)
    {
        var page = await db.PageAsync<CheckpointRow>(CountSql, PageSql, new { offset = (q.Page - 1) * q.PageSize, limit = q.PageSize }, q, ct);
        return new(page.Items.Select(r => AuditCheckpointView.Of(r, chain.Check(r))).ToList(), page.Total, page.PageNumber, page.PageSize,
            signer.Keys);
    }

    private static readonly Sql CountSql = new("select count(*) from audit_checkpoints");

    private static readonly Sql PageSql = new(d => $"""
        select seq, hash, signed_at, key_id, signature from audit_checkpoints order by seq desc {d.Page}
        """);
}
