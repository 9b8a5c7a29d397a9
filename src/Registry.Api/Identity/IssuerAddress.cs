using Microsoft.AspNetCore;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Registry.Api.Identity;

/// <summary>
/// Reads every OpenIddict request as addressed to the configured issuer, so discovery publishes endpoint addresses under
/// the issuer and never under whatever Host header a request carried.
/// </summary>
internal sealed class IssuerAddress : IOpenIddictServerHandler<ProcessRequestContext>
{
    // After OpenIddict has read the request's own address, before it decides which endpoint the request is for.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
        .UseSingletonHandler<IssuerAddress>()
        .SetOrder(OpenIddictServerAspNetCoreHandlers.ResolveRequestUri.Descriptor.Order + 1_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ProcessRequestContext context)
    {
        if (context.Options.Issuer is not { } issuer || context.Transaction.GetHttpRequest() is not { } request) return default;
        context.BaseUri = issuer;
        context.RequestUri = new Uri(issuer.AbsoluteUri.TrimEnd('/') + request.Path.ToUriComponent() + request.QueryString.ToUriComponent());
        return default;
    }
}
