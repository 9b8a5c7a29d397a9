using MediatR;

namespace Registry.Application.Common.Behaviors;

/// <summary>
/// Runs a command in one transaction on the primary database together with its audit record and outbox events.
/// The handler works first; the ledger row is locked only at the end, to append and commit, so one slow command never
/// holds up the others. The answer reaches the caller only after the commit, so a 2xx always means the change is stored.
/// </summary>
public sealed class TransactionBehavior<TRequest, TResponse>(
    WriteSession session, Ledger ledger, CommandJournal journal, ICaller caller)
    : IPipelineBehavior<TRequest, TResponse> where TRequest : ICommand
{
    /// <summary>Runs of a command that keeps losing races before its error reaches the caller.</summary>
    public const int Attempts = 4;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (session.InTransaction) return await next();

        for (var attempt = 1; ; attempt++)
        {
            journal.Reset();
            await session.BeginAsync(cancellationToken);
            try
            {
                var response = await next();
                if (!journal.Replayed)
                {
                    await ledger.LockAsync(cancellationToken);
                    await ledger.AppendAsync(caller, request, journal, cancellationToken);
                }
                await session.CommitAsync(cancellationToken);
                return response;
            }
            // Row-level guards (unique keys, conditional updates) decide races; the loser runs again and sees the winner's rows.
            catch (Exception e) when (attempt < Attempts && session.Dialect.LostRace(e))
            {
                await session.RollbackAsync();
            }
            catch
            {
                await session.RollbackAsync();
                throw;
            }
        }
    }
}
