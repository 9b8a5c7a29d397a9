using Registry.Domain.Events;

namespace Registry.Domain.Enterprises;

/// <summary>A certification application as the review rules read it: who applied for which grade, where it stands, who reviews it.</summary>
public sealed record ApplicationSnapshot(Guid Id, Guid EnterpriseId, int Grade, string Status, Guid? ReviewerOrganizationId);

/// <summary>States of an application for certification (认证申请).</summary>
public static class ApplicationStatus
{
    public const string Submitted = "submitted";
    public const string UnderReview = "under_review";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    public static IReadOnlyList<string> All { get; } = [Submitted, UnderReview, Approved, Rejected];

    /// <summary>An application still waiting for a decision; an enterprise has at most one.</summary>
    public static bool IsOpen(string status) => status is Submitted or UnderReview;
}

/// <summary>States of a labeling enterprise certificate (数据标注企业认证证书).</summary>
public static class CertificateStatus
{
    public const string Active = "active";
    public const string Suspended = "suspended";
    public const string Revoked = "revoked";
    public const string Expired = "expired";
    /// <summary>Replaced by a newer certificate of the same enterprise.</summary>
    public const string Superseded = "superseded";

    public static IReadOnlyList<string> All { get; } = [Active, Suspended, Revoked, Expired, Superseded];

    public static bool IsKnown(string? status) => status is not null && All.Contains(status);

    /// <summary>Not yet ended: active or suspended. Only one per enterprise.</summary>
    public static bool IsCurrent(string status) => status is Active or Suspended;
}

/// <summary>A certificate as the workflow reads it: whose it is and where it stands.</summary>
public sealed record CertificateSnapshot(Guid Id, Guid EnterpriseId, string Status);

/// <summary>
/// The certification workflow: application submitted → under review → approved (a certificate is issued) or
/// rejected; certificate active ⇄ suspended, → revoked, → expired, → superseded by a newer one. Each transition returns
/// the event that reports it.
/// </summary>
public static class CertificationWorkflow
{
    private static void Require(string entity, string current, string attempted, params string[] from)
    {
        if (!from.Contains(current)) throw new InvalidTransitionException(entity, current, attempted);
    }

    public static Changed<CertificationTakenUnderReview> TakeUnderReview(ApplicationSnapshot application, Guid reviewerOrganizationId)
    {
        Require("application", application.Status, "taken under review", ApplicationStatus.Submitted);
        return new(ApplicationStatus.UnderReview, new CertificationTakenUnderReview(application.Id, application.EnterpriseId, reviewerOrganizationId));
    }

    /// <summary>Approves the application; the certificate it names is issued with <see cref="Issue"/>.</summary>
    public static Changed<CertificationApproved> Approve(ApplicationSnapshot application, Guid certificateId)
    {
        Require("application", application.Status, "approved", ApplicationStatus.UnderReview);
        return new(ApplicationStatus.Approved, new CertificationApproved(application.Id, application.EnterpriseId, certificateId));
    }

    /// <summary>The certificate an approval names becomes active for the applied grade, valid three years from <paramref name="issuedOn"/>.</summary>
    public static Changed<CertificateIssued> Issue(ApplicationSnapshot application, CertificationApproved approval, DateOnly issuedOn)
    {
        if (approval.ApplicationId != application.Id)
            throw new ArgumentException($"The approval is of application {approval.ApplicationId}, not {application.Id}.", nameof(approval));
        return new(CertificateStatus.Active,
            new CertificateIssued(approval.CertificateId, application.EnterpriseId, application.Grade, CertificateTerms.ExpiresOn(issuedOn)));
    }

    public static Changed<CertificationRejected> Reject(ApplicationSnapshot application, string reason)
    {
        Require("application", application.Status, "rejected", ApplicationStatus.UnderReview);
        return new(ApplicationStatus.Rejected, new CertificationRejected(application.Id, application.EnterpriseId, reason));
    }

    public static Changed<CertificateSuspended> Suspend(CertificateSnapshot certificate, string reason)
    {
        Require("certificate", certificate.Status, "suspended", CertificateStatus.Active);
        return new(CertificateStatus.Suspended, new CertificateSuspended(certificate.Id, certificate.EnterpriseId, reason));
    }

    public static Changed<CertificateReinstated> Reinstate(CertificateSnapshot certificate, string reason)
    {
        Require("certificate", certificate.Status, "reinstated", CertificateStatus.Suspended);
        return new(CertificateStatus.Active, new CertificateReinstated(certificate.Id, certificate.EnterpriseId, reason));
    }

    public static Changed<CertificateRevoked> Revoke(CertificateSnapshot certificate, string reason)
    {
        Require("certificate", certificate.Status, "revoked", CertificateStatus.Active, CertificateStatus.Suspended);
        return new(CertificateStatus.Revoked, new CertificateRevoked(certificate.Id, certificate.EnterpriseId, reason));
    }

    /// <summary>A current certificate is replaced by the newer one <paramref name="supersededBy"/> of the same enterprise.</summary>
    public static Changed<CertificateSuperseded> Supersede(CertificateSnapshot certificate, Guid supersededBy)
    {
        Require("certificate", certificate.Status, "superseded", CertificateStatus.Active, CertificateStatus.Suspended);
        return new(CertificateStatus.Superseded, new CertificateSuperseded(certificate.Id, certificate.EnterpriseId, supersededBy));
    }

    /// <summary>A current certificate whose last valid day has passed expires; anything else is unchanged (null: nothing to report).</summary>
    public static Changed<CertificateExpired>? ExpireIfDue(CertificateSnapshot certificate, DateOnly expiresOn, DateOnly today) =>
        CertificateStatus.IsCurrent(certificate.Status) && CertificateTerms.HasExpired(expiresOn, today)
            ? new(CertificateStatus.Expired, new CertificateExpired(certificate.Id, certificate.EnterpriseId))
            : null;
}

/// <summary>Number, validity and early warning of a certificate.</summary>
public static class CertificateTerms
{
    public const int DefaultValidityYears = 3;
    public const int WarningDays = 90;

    /// <summary>The last day the certificate is valid: three years after issue, less a day.</summary>
    public static DateOnly ExpiresOn(DateOnly issuedOn, int validityYears = DefaultValidityYears) => issuedOn.AddYears(validityYears).AddDays(-1);

    public static bool HasExpired(DateOnly expiresOn, DateOnly today) => today > expiresOn;

    /// <summary>Still valid, and within the warning period before the last valid day.</summary>
    public static bool IsExpiringSoon(DateOnly expiresOn, DateOnly today, int warningDays = WarningDays) =>
        !HasExpired(expiresOn, today) && expiresOn.DayNumber - today.DayNumber < warningDays;

    /// <summary>Human-readable number: SJBZ-{year}-{province pair}-{grade}-{sequence}, e.g. SJBZ-2026-51-3-000042.</summary>
    public static string Number(int year, string regionCode, int grade, long sequence) =>
        FormattableString.Invariant($"SJBZ-{year}-{regionCode[..2]}-{grade}-{sequence:000000}");
}
