using MediatR;

namespace Registry.Application.Common.Behaviors;

/// <summary>
/// Runs a command in one transaction on the primary database together with its audit record and outbox events.
/// The answer reaches the caller only after the commit, so a 2xx always means the change is stored.
/// </summary>
public sealed class TransactionBehavior<TRequest, TResponse>(
    WriteSession session, Ledger ledger, CommandJournal journal, ICaller caller)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand || session.InTransaction) return await next();

        await session.BeginAsync(cancellationToken);
        try
        {
            await ledger.LockAsync(cancellationToken);
            var response = await next();
            if (!journal.Replayed) await ledger.AppendAsync(caller, request, journal, cancellationToken);
            await session.CommitAsync(cancellationToken);
            return response;
        }
        catch
        {
            await session.RollbackAsync();
            throw;
        }
    }
}
