using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Registry.Api.Identity;

/// <summary>
/// One answer for every client the token endpoint does not accept: an unknown client id, a wrong secret and a client of
/// an inactive organization all get the same <c>invalid_client</c> error and description, so client ids cannot be probed.
/// </summary>
internal sealed class ClientErrors : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public const string Description = "The client could not be authenticated.";

    // Before OpenIddict turns the response into a status code, a WWW-Authenticate header and JSON, which all read it.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
        .UseSingletonHandler<ClientErrors>()
        .SetOrder(int.MinValue + 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        if (context.Response.Error == Errors.InvalidClient)
        {
            context.Response.ErrorDescription = Description;
            context.Response.ErrorUri = null;
        }
        return default;
    }
}
