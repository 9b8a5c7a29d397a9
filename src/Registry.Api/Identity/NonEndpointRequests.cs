using System.Collections.Frozen;
using Microsoft.AspNetCore;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Registry.Api.Identity;

/// <summary>
/// Lets every request that is not for one of OpenIddict's endpoints (/connect/..., /.well-known/...) past the server at once.
/// The authentication middleware offers each request to OpenIddict's server first, which builds the request's absolute
/// address and compares it with every endpoint's: a dozen addresses and their strings per API call. Which endpoint a request
/// is for depends only on its path (<see cref="IssuerAddress"/> puts every request under the issuer), so a path that is none
/// of the endpoints' paths is skipped before any of that, exactly as OpenIddict itself would end up treating it.
/// </summary>
internal sealed class NonEndpointRequests : IOpenIddictServerHandler<ProcessRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
        .UseSingletonHandler<NonEndpointRequests>()
        .SetOrder(OpenIddictServerAspNetCoreHandlers.ResolveRequestUri.Descriptor.Order - 1_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    private Endpoints? _endpoints;

    private sealed record Endpoints(OpenIddictServerOptions Options, FrozenSet<string> Paths);

    public ValueTask HandleAsync(ProcessRequestContext context)
    {
        if (context.Transaction.GetHttpRequest() is not { } request) return default;
        if (!EndpointPaths(context.Options).Contains(Trimmed(request.Path.Value))) context.SkipRequest();
        return default;
    }

    private FrozenSet<string> EndpointPaths(OpenIddictServerOptions options)
    {
        if (Volatile.Read(ref _endpoints) is { } known && ReferenceEquals(known.Options, options)) return known.Paths;
        var paths = EndpointPathsOf(options);
        Volatile.Write(ref _endpoints, new Endpoints(options, paths));
        return paths;
    }

    /// <summary>The paths of every endpoint OpenIddict's server answers, relative to the issuer's path, without a trailing slash.</summary>
    public static FrozenSet<string> EndpointPathsOf(OpenIddictServerOptions options)
    {
        var issuerPath = options.Issuer is { } issuer ? Trimmed(issuer.AbsolutePath) : "";
        return new[]
            {
                options.AuthorizationEndpointUris, options.ConfigurationEndpointUris, options.DeviceAuthorizationEndpointUris,
                options.EndSessionEndpointUris, options.EndUserVerificationEndpointUris, options.IntrospectionEndpointUris,
                options.JsonWebKeySetEndpointUris, options.PushedAuthorizationEndpointUris, options.RevocationEndpointUris,
                options.TokenEndpointUris, options.UserInfoEndpointUris,
            }
            .SelectMany(uris => uris)
            .Select(uri => uri.IsAbsoluteUri
                // An absolute address counts by its path under the issuer's (or whole, when it is elsewhere): never fewer paths.
                ? Trimmed(uri.AbsolutePath.StartsWith(issuerPath + "/", StringComparison.OrdinalIgnoreCase) ? uri.AbsolutePath[issuerPath.Length..] : uri.AbsolutePath)
                : Trimmed("/" + uri.OriginalString.TrimStart('/')))
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    private static string Trimmed(string? path) => path is { Length: > 1 } && path[^1] == '/' ? path.TrimEnd('/') : path ?? "";
}
