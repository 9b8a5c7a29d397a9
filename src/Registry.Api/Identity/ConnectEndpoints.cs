using System.Collections.Immutable;
using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Registry.Api.Hosting;
using Registry.Application.Access;
using Registry.Infrastructure.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Registry.Api.Identity;

/// <summary>
/// The OpenIddict endpoints Registry answers itself: tokens for clients and people, the authorization step of the
/// code flow, userinfo and sign-out. Discovery, JWKS and revocation are answered by OpenIddict.
/// </summary>
public static class ConnectEndpoints
{
    public static IEndpointRouteBuilder MapConnect(this IEndpointRouteBuilder app)
    {
        var connect = app.MapGroup("/connect").WithTags("Sign-in (OAuth 2.0 / OpenID Connect)").AllowAnonymous().ExcludeFromDescription();
        connect.MapPost("/token", (HttpContext http, IMediator mediator) => TokenAsync(http, mediator));
        connect.MapMethods("/authorize", ["GET", "POST"], (HttpContext http, IMediator mediator) => AuthorizeAsync(http, mediator));
        connect.MapMethods("/userinfo", ["GET", "POST"], (HttpContext http, IMediator mediator) => UserInfoAsync(http, mediator));
        connect.MapMethods("/logout", ["GET", "POST"], AccountPages.EndSessionAsync);
        return app;
    }

    private static async Task<IResult> TokenAsync(HttpContext http, IMediator mediator)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            var client = await mediator.Send(new FindTokenSubject(null, request.ClientId));
            return client is null
                ? Refuse(Errors.InvalidClient, ClientErrors.Description)
                : SignIn(client, request.GetScopes());
        }
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var granted = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = Guid.TryParse(granted.Principal?.GetClaim(Claims.Subject), out var userId)
                ? await mediator.Send(new FindTokenSubject(userId, null))
                : null;
            // Checked again on every refresh: a deactivated person or organization gets no new token.
            return user is null
                ? Refuse(Errors.InvalidGrant, "The account is no longer active.")
                : SignIn(user, granted.Principal!.GetScopes());
        }
        return Refuse(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, IMediator mediator)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await http.AuthenticateAsync(SecurityExtensions.SignInCookie);
        var user = session.Succeeded && Guid.TryParse(session.Principal?.GetClaim(Claims.Subject), out var userId)
            ? await mediator.Send(new FindTokenSubject(userId, null))
            : null;
        if (user is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
                return Refuse(Errors.LoginRequired, "The user is not signed in.");
            var parameters = http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList();
            parameters.RemoveAll(p => p.Key == Parameters.Prompt);
            return Results.Challenge(new AuthenticationProperties
            {
                RedirectUri = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters),
            }, [SecurityExtensions.SignInCookie]);
        }
        return SignIn(user, request.GetScopes());
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http, IMediator mediator)
    {
        var granted = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var user = Guid.TryParse(granted.Principal?.GetClaim(Claims.Subject), out var userId)
            ? await mediator.Send(new FindTokenSubject(userId, null))
            : null;
        if (user is null) return Refuse(Errors.InvalidToken, "The account is no longer active.", challenge: true);
        return Results.Ok(new Dictionary<string, object>
        {
            [Claims.Subject] = user.Subject,
            [Claims.Name] = user.Name,
            [Claims.Role] = user.Role,
            [HttpCaller.OrganizationClaim] = user.OrganizationId,
            [HttpCaller.RegionClaim] = user.RegionCode,
        });
    }

    private static IResult SignIn(TokenSubject subject, ImmutableArray<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject.Subject)
            .SetClaim(Claims.Name, subject.Name)
            .SetClaim(Claims.Role, subject.Role)
            .SetClaim(HttpCaller.OrganizationClaim, subject.OrganizationId.ToString())
            .SetClaim(HttpCaller.RegionClaim, subject.RegionCode);
        identity.SetScopes(scopes);
        // The API accepts only tokens whose audience it is, so a token granted only openid/profile cannot call it.
        if (scopes.Contains(OpenIddictClientRegistry.ApiScope)) identity.SetResources(OpenIddictClientRegistry.ApiAudience);
        identity.SetDestinations(claim => claim.Type == Claims.Name && !scopes.Contains(Scopes.Profile)
            ? [Destinations.AccessToken]
            : [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string error, string description, bool challenge = false)
    {
        var properties = new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        });
        return challenge
            ? Results.Challenge(properties, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme])
            : Results.Forbid(properties, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
