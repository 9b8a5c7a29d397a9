using MediatR;
using Registry.Domain;

namespace Registry.Application.Common.Behaviors;

/// <summary>A command whose refusal by a business rule is itself a fact to keep (a refused bid counts towards a risk alert).</summary>
public interface IRecordsRefusal
{
    /// <summary>The command that records the refusal, or null when this refusal is not one to keep.</summary>
    ICommand<int>? RefusalRecord(BusinessRuleException refusal);
}

/// <summary>
/// Wraps the transaction of an <see cref="IRecordsRefusal"/> command: when a business rule refuses it, the refused transaction
/// has rolled back, and the record is sent as a command of its own (own transaction, audit record, events) before the refusal
/// reaches the caller unchanged.
/// </summary>
public sealed class RefusalRecordBehavior<TRequest, TResponse>(IMediator mediator) : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IRecordsRefusal
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            return await next();
        }
        catch (BusinessRuleException refusal) when (request.RefusalRecord(refusal) is { } record)
        {
            await mediator.Send(record, cancellationToken);
            throw;
        }
    }
}
