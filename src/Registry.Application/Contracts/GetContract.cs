using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Application.Contracts;

/// <summary>A contract page with its deliveries and acceptance history: for its parties, the regulators covering its region, and admins.</summary>
[AllowedFor(Roles.Agency, Roles.Enterprise, Roles.Regulator, Roles.Admin)]
public sealed record GetContract(Guid Id) : IQuery<ContractView>;

internal sealed class GetContractHandler(IReadDb db, ICaller caller) : IRequestHandler<GetContract, ContractView>
{
    public async Task<ContractView> Handle(GetContract q, CancellationToken ct)
    {
        var contract = await ContractReads.ViewAsync(db, q.Id, ct);
        caller.RequireSeen(ContractReads.Item(contract), "contract", q.Id);
        return contract;
    }
}
