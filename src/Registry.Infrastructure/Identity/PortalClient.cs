using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Registry.Infrastructure.Identity;

/// <summary>The public client people sign in through (authorization code + PKCE, refresh tokens).</summary>
public static class PortalClient
{
    public const string ClientId = "registry-portal";

    /// <summary>Creates the portal client when it is missing, or brings its redirect addresses up to date.</summary>
    public static async Task EnsureAsync(IOpenIddictApplicationManager applications, IReadOnlyCollection<string> redirectUris, CancellationToken ct)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientType = ClientTypes.Public,
            DisplayName = "Registry portal 全国数据标注公共服务平台",
        };
        foreach (var uri in redirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri));
            descriptor.PostLogoutRedirectUris.Add(new Uri(uri));
        }
        descriptor.Permissions.UnionWith([
            Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
            Permissions.Endpoints.Revocation, Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
            Permissions.ResponseTypes.Code, Permissions.Scopes.Profile, Permissions.Prefixes.Scope + OpenIddictClientRegistry.ApiScope,
        ]);
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);

        var existing = await applications.FindByClientIdAsync(ClientId, ct);
        if (existing is null) await applications.CreateAsync(descriptor, ct);
        else await applications.UpdateAsync(existing, descriptor, ct);
    }
}
