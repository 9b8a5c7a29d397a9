using Registry.Domain.Events;

namespace Registry.Domain.Enterprises;

// The events of an enterprise's directory entry, its certification applications and its certificates. The directory and
// certificates are public; applications are between the enterprise and its certifier.

[DomainEvent("enterprise.registered", 1, Public = true, EmittedBy = "RegisterEnterprise: the enterprise's profile enters the directory; PushNodeBatch: a regional node registers it")]
// Base, domains and talent ride along so that statistics count supply from the outbox alone (added fields: still version 1).
public sealed record EnterpriseRegistered(Guid EnterpriseId, string LegalName, string CreditCode, string RegionCode, Guid? BaseId = null,
    IReadOnlyList<string>? Domains = null, IReadOnlyDictionary<string, int>? Talent = null) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("enterprise", EnterpriseId);
}

[DomainEvent("enterprise.updated", 1, Public = true, EmittedBy = "UpdateEnterpriseProfile: capabilities, talent, security or contact change; PushNodeBatch: the regional node that registered it changes them")]
public sealed record EnterpriseProfileUpdated(Guid EnterpriseId, string LegalName, Guid? BaseId = null, IReadOnlyList<string>? Domains = null,
    IReadOnlyDictionary<string, int>? Talent = null) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("enterprise", EnterpriseId);
}

[DomainEvent("designation.granted", 1, Public = true, EmittedBy = "GrantDesignation: a regulator names the enterprise, e.g. a key enterprise of a base")]
public sealed record DesignationGranted(Guid EnterpriseId, string Designation, DateOnly GrantedOn) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("enterprise", EnterpriseId);
}

[DomainEvent("designation.withdrawn", 1, Public = true, EmittedBy = "WithdrawDesignation: the designation ends")]
public sealed record DesignationWithdrawn(Guid EnterpriseId, string Designation, DateOnly WithdrawnOn) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("enterprise", EnterpriseId);
}

[DomainEvent("certification.applied", 1, EmittedBy = "ApplyForCertification: (none) → submitted")]
public sealed record CertificationApplied(Guid ApplicationId, Guid EnterpriseId, int Grade) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("certification_application", ApplicationId);
}

[DomainEvent("certification.under_review", 1, EmittedBy = "CertificationWorkflow.TakeUnderReview: submitted → under_review")]
public sealed record CertificationTakenUnderReview(Guid ApplicationId, Guid EnterpriseId, Guid ReviewerOrganizationId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("certification_application", ApplicationId);
}

[DomainEvent("certification.approved", 1, EmittedBy = "CertificationWorkflow.Approve: under_review → approved (CertificationWorkflow.Issue issues the certificate it names)")]
public sealed record CertificationApproved(Guid ApplicationId, Guid EnterpriseId, Guid CertificateId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("certification_application", ApplicationId);
}

[DomainEvent("certification.rejected", 1, EmittedBy = "CertificationWorkflow.Reject: under_review → rejected")]
public sealed record CertificationRejected(Guid ApplicationId, Guid EnterpriseId, string Reason) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("certification_application", ApplicationId);
}

[DomainEvent("certificate.issued", 1, Public = true, EmittedBy = "CertificationWorkflow.Issue: (none) → active, the certificate an approval names, of the applied grade")]
public sealed record CertificateIssued(Guid CertificateId, Guid EnterpriseId, int Grade, DateOnly ExpiresOn) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("certificate", CertificateId);
}

[DomainEvent("certificate.suspended", 1, Public = true, EmittedBy = "CertificationWorkflow.Suspend: active → suspended by its supervising regulator")]
public sealed record CertificateSuspended(Guid CertificateId, Guid EnterpriseId, string Reason) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("certificate", CertificateId);
}

[DomainEvent("certificate.reinstated", 1, Public = true, EmittedBy = "CertificationWorkflow.Reinstate: suspended → active")]
public sealed record CertificateReinstated(Guid CertificateId, Guid EnterpriseId, string Reason) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("certificate", CertificateId);
}

[DomainEvent("certificate.revoked", 1, Public = true, EmittedBy = "CertificationWorkflow.Revoke: active or suspended → revoked")]
public sealed record CertificateRevoked(Guid CertificateId, Guid EnterpriseId, string Reason) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("certificate", CertificateId);
}

[DomainEvent("certificate.superseded", 1, Public = true, EmittedBy = "CertificationWorkflow.Supersede: active or suspended → superseded when a new certificate is issued to the enterprise")]
public sealed record CertificateSuperseded(Guid CertificateId, Guid EnterpriseId, Guid SupersededBy) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("certificate", CertificateId);
}

[DomainEvent("certificate.expired", 1, Public = true, EmittedBy = "CertificationWorkflow.ExpireIfDue: active or suspended → expired on its expiry date (daily job)")]
public sealed record CertificateExpired(Guid CertificateId, Guid EnterpriseId) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("certificate", CertificateId);
}
