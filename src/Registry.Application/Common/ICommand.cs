using MediatR;

namespace Registry.Application.Common;

/// <summary>Marks a request that changes the write model: it runs in one transaction with its audit record and outbox events.</summary>
public interface ICommand;

/// <summary>A request that changes state and answers with <typeparamref name="TResult"/>.</summary>
public interface ICommand<out TResult> : IRequest<TResult>, ICommand;

/// <summary>
/// A command that commits in bounded steps so that nobody waits for more than one of them: its handler runs no transaction
/// of its own but sends each step, an <see cref="ICommandStep"/>, through the pipeline (own transaction, audit record and events).
/// </summary>
public interface ISteppedCommand<out TResult> : IRequest<TResult>;

/// <summary>
/// One step of an <see cref="ISteppedCommand{TResult}"/>. Under the caller's <c>Idempotency-Key</c> each step keeps its own
/// record, named by <see cref="Step"/>: the stepped command sent again replays the steps that committed and runs the rest.
/// </summary>
public interface ICommandStep : ICommand
{
    string Step { get; }
}
