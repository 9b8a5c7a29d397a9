using MediatR;
using Registry.Application.Access;
using Registry.Application.Common;
using Registry.Domain.Access;

namespace Registry.Api.Hosting;

/// <summary>A demo API client with a known secret, so the documented curl recipes run as written. System only.</summary>
[AllowedFor(Roles.Admin)]
public sealed record SeedDemoClient(string ClientId, [property: Redacted] string Secret, Guid OrganizationId, string DisplayName)
    : ICommand<string>;

internal sealed class SeedDemoClientHandler(ApiClientWrites writes, IOutbox outbox)
    : IRequestHandler<SeedDemoClient, string>
{
    public async Task<string> Handle(SeedDemoClient c, CancellationToken ct)
    {
        await writes.AddAsync(c.ClientId, c.Secret, c.OrganizationId, c.DisplayName, ct);
        outbox.Publish(new ApiClientAdded(c.ClientId, c.OrganizationId, c.DisplayName));
        return c.ClientId;
    }
}
