using MediatR;

namespace Registry.Application.Common;

/// <summary>Marks a request that changes the write model: it runs in one transaction with its audit record and outbox events.</summary>
public interface ICommand;

/// <summary>A request that changes state and answers with <typeparamref name="TResult"/>.</summary>
public interface ICommand<out TResult> : IRequest<TResult>, ICommand;
