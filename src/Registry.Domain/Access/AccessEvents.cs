using Registry.Domain.Events;

namespace Registry.Domain.Access;

// The events of accounts and API clients. None is public; secrets never enter an event.

[DomainEvent("user.created", 1, EmittedBy = "CreateUser: the operator opens an account")]
public sealed record UserCreated(Guid UserId, Guid OrganizationId, string Username, string Role) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("user", UserId);
}

[DomainEvent("user.updated", 1, EmittedBy = "UpdateUser: renamed, (de)activated or unlocked")]
public sealed record UserUpdated(Guid UserId, bool Active) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("user", UserId);
}

[DomainEvent("api_client.created", 1, EmittedBy = "CreateApiClient: an organization's system gets client credentials")]
public sealed record ApiClientAdded(string ClientId, Guid OrganizationId, string DisplayName) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("api_client", ClientId);
}

[DomainEvent("api_client.deactivated", 1, EmittedBy = "DeactivateApiClient: the client's tokens stop working")]
public sealed record ApiClientDeactivated(string ClientId, Guid OrganizationId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("api_client", ClientId);
}

[DomainEvent("api_client.secret_rotated", 1, EmittedBy = "RotateApiClientSecret: a new secret replaces the old one")]
public sealed record ApiClientSecretReplaced(string ClientId, Guid OrganizationId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("api_client", ClientId);
}
