using MediatR;

namespace Registry.Application.Common;

/// <summary>A request that reads a read model and never writes.</summary>
public interface IQuery<out TResult> : IRequest<TResult>;
