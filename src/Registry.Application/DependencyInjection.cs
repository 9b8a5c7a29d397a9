using Microsoft.Extensions.DependencyInjection.Extensions;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Registry.Application.Common;
using Registry.Application.Common.Behaviors;

namespace Registry.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the use cases and the pipeline. MediatR 5.1.0 has no DI package here, so its handlers and
    /// behaviors are registered with Microsoft DI directly; the behaviors' order is the pipeline's order. A behavior whose
    /// type constraint a request does not meet (commands only, refusals recorded) is left out of that request's pipeline.
    /// Behaviors and handlers hold no state of their own, so they are transient: a scoped service is also an entry in the
    /// request scope's table, which each request would otherwise grow (and copy) through several sizes.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(p => p.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddHandlersFrom(typeof(DependencyInjection).Assembly);

        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(RefusalRecordBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(TransactionBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(IdempotencyBehavior<,>));

        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, includeInternalTypes: true);

        services.AddScoped<WriteSession>();
        services.AddScoped<IWriteDb>(p => p.GetRequiredService<WriteSession>());
        services.AddScoped<ReadSession>();
        services.AddScoped<IReadDb>(p => p.GetRequiredService<ReadSession>());
        services.AddScoped<Ledger>();
        services.AddScoped<Audit.AuditChainReads>();
        services.AddScoped<Alerts.RiskAlerts>();
        services.AddScoped<Access.PasswordCheck>();
        services.AddScoped<Access.ApiClientWrites>();
        services.AddScoped<Access.AccessWithdrawal>();
        services.AddScoped<Catalog.CatalogWrites>();
        services.AddScoped<Enterprises.CertificationWrites>();
        services.AddScoped<Enterprises.EnterpriseProjection>();
        services.AddScoped<CommandJournal>();
        services.AddSingleton<Common.Projections.Projector>();
        services.AddScoped<Common.Projections.IProjection, Statistics.Projections.RegionActivityProjection>();
        services.AddScoped<Common.Projections.IProjection, Feed.PublicFeedProjection>();
        services.AddScoped<Common.Projections.IProjection, Ocds.OcdsReleaseProjection>();
        services.AddScoped<Common.Projections.IProjection, Inbox.InboxProjection>();
        services.TryAddSingleton(Domain.Catalog.SearchSynonyms.None);
        services.AddSingleton<Matching.MatchingIndex>();
        services.AddSingleton<Matching.MatchingFeed>();
        services.TryAddSingleton(new Common.Search.SearchOptions());
        services.AddSingleton<Catalog.CatalogSearchFeed>();
        services.AddSingleton<Demands.BoardSearchFeed>();
        services.AddSingleton<Feed.FeedWatch>();
        services.AddSingleton<Statistics.StatisticsOverviewCache>();
        services.AddScoped<IOutbox>(p => p.GetRequiredService<CommandJournal>());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IJobScheduler, NoJobScheduler>();
        return services;
    }

    /// <summary>Registers every concrete <see cref="IRequestHandler{TRequest,TResponse}"/> of an assembly (transient: handlers hold no state).</summary>
    public static IServiceCollection AddHandlersFrom(this IServiceCollection services, System.Reflection.Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i =>
                         i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)))
            {
                services.AddTransient(contract, type);
            }
        }
        return services;
    }
}
