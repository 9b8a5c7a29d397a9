using MediatR;
using Registry.Application.Common;
using Registry.Domain.Time;

namespace Registry.Application.Exclusions;

/// <summary>One exclusion of the public register, with its status today in China; its version comes back as ETag for lifting.</summary>
[Public]
public sealed record GetExclusion(Guid Id) : IQuery<ExclusionView>;

internal sealed class GetExclusionHandler(IReadDb db, TimeProvider clock) : IRequestHandler<GetExclusion, ExclusionView>
{
    public Task<ExclusionView> Handle(GetExclusion q, CancellationToken ct) => ExclusionReads.ByIdAsync(db, q.Id, ChinaTime.Today(clock), ct);
}
