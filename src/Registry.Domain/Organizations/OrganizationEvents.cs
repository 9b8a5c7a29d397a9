using Registry.Domain.Events;

namespace Registry.Domain.Organizations;

// The events of an organization's registration. Organizations are read by the operator and the regulators of their
// region; enterprises reach the public through their directory entry's own events.

[DomainEvent("organization.created", 1, EmittedBy = "CreateOrganization: the operator registers an agency, enterprise, regulator, certifier or node; PushNodeBatch: a regional node registers an enterprise of its region")]
public sealed record OrganizationCreated(Guid OrganizationId, string Kind, OrganizationIdentity Identity) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("organization", OrganizationId);
}

[DomainEvent("organization.updated", 1, EmittedBy = "UpdateOrganization: English name or contact corrected, or the organization (de)activated")]
public sealed record OrganizationUpdated(Guid OrganizationId, string? NameEn, bool Active) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("organization", OrganizationId);
}

[DomainEvent("organization.identity_changed", 1, EmittedBy = "OrganizationIdentity.MayChange: the legal name, credit code or region changes, with a reason")]
public sealed record OrganizationIdentityChanged(Guid OrganizationId, OrganizationIdentity Before, OrganizationIdentity After, string Reason)
    : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("organization", OrganizationId);
}
