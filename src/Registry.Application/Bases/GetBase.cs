using MediatR;
using Registry.Application.Common;

namespace Registry.Application.Bases;

/// <summary>Reads one base of the directory.</summary>
[Public]
public sealed record GetBase(Guid Id) : IQuery<BaseSummary>;

internal sealed class GetBaseHandler(IReadDb db) : IRequestHandler<GetBase, BaseSummary>
{
    public async Task<BaseSummary> Handle(GetBase query, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<BaseRow>(GetSql, new { query.Id }, ct))?.ToSummary()
        ?? throw new NotFound("base", query.Id);

    private static readonly Sql GetSql = new($"select {BaseRow.Columns} from base_directory where id = @id");
}
