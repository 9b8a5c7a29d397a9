using Registry.Domain.Enterprises;
using Registry.Domain.Events;

namespace Registry.Domain.Tests.Enterprises;

public sealed class CertificationWorkflowTests
{
    private static readonly Guid ApplicationId = Guid.NewGuid(), EnterpriseId = Guid.NewGuid(), CertificateId = Guid.NewGuid(),
        Reviewer = Guid.NewGuid(), NewCertificateId = Guid.NewGuid();

    private static ApplicationSnapshot Application(string status) => new(ApplicationId, EnterpriseId, 3, status, Reviewer);

    private static CertificateSnapshot Certificate(string status) => new(CertificateId, EnterpriseId, status);

    private static readonly Dictionary<string, Func<string, string>> ApplicationOperations = new()
    {
        ["take under review"] = s => CertificationWorkflow.TakeUnderReview(Application(s), Reviewer).Status,
        ["approve"] = s => CertificationWorkflow.Approve(Application(s), NewCertificateId).Status,
        ["reject"] = s => CertificationWorkflow.Reject(Application(s), "Incomplete.").Status,
    };

    private static readonly Dictionary<string, Func<string, string>> CertificateOperations = new()
    {
        ["suspend"] = s => CertificationWorkflow.Suspend(Certificate(s), "Audit.").Status,
        ["reinstate"] = s => CertificationWorkflow.Reinstate(Certificate(s), "Audit passed.").Status,
        ["revoke"] = s => CertificationWorkflow.Revoke(Certificate(s), "Fraud.").Status,
        ["supersede"] = s => CertificationWorkflow.Supersede(Certificate(s), NewCertificateId).Status,
    };

    // The only allowed transitions; every other (state, operation) pair must throw.
    private static readonly Dictionary<(string From, string Operation), string> AllowedApplication = new()
    {
        [(ApplicationStatus.Submitted, "take under review")] = ApplicationStatus.UnderReview,
        [(ApplicationStatus.UnderReview, "approve")] = ApplicationStatus.Approved,
        [(ApplicationStatus.UnderReview, "reject")] = ApplicationStatus.Rejected,
    };

    private static readonly Dictionary<(string From, string Operation), string> AllowedCertificate = new()
    {
        [(CertificateStatus.Active, "suspend")] = CertificateStatus.Suspended,
        [(CertificateStatus.Suspended, "reinstate")] = CertificateStatus.Active,
        [(CertificateStatus.Active, "revoke")] = CertificateStatus.Revoked,
        [(CertificateStatus.Suspended, "revoke")] = CertificateStatus.Revoked,
        [(CertificateStatus.Active, "supersede")] = CertificateStatus.Superseded,
        [(CertificateStatus.Suspended, "supersede")] = CertificateStatus.Superseded,
    };

    public static TheoryData<string, string> ApplicationPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var state in ApplicationStatus.All)
            foreach (var operation in ApplicationOperations.Keys) data.Add(state, operation);
        return data;
    }

    public static TheoryData<string, string> CertificatePairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var state in CertificateStatus.All)
            foreach (var operation in CertificateOperations.Keys) data.Add(state, operation);
        return data;
    }

    [Theory]
    [MemberData(nameof(ApplicationPairs))]
    public void Every_application_operation_either_reaches_the_documented_state_or_is_refused_naming_the_current_one(
        string state, string operation) =>
        AssertTransition("application", state, operation, ApplicationOperations[operation], AllowedApplication);

    [Theory]
    [MemberData(nameof(CertificatePairs))]
    public void Every_certificate_operation_either_reaches_the_documented_state_or_is_refused_naming_the_current_one(
        string state, string operation) =>
        AssertTransition("certificate", state, operation, CertificateOperations[operation], AllowedCertificate);

    private static void AssertTransition(string entity, string state, string operation, Func<string, string> apply,
        Dictionary<(string From, string Operation), string> allowed)
    {
        if (allowed.TryGetValue((state, operation), out var next))
        {
            Assert.Equal(next, apply(state));
            return;
        }

        var refused = Assert.Throws<InvalidTransitionException>(() => apply(state));
        Assert.Equal(entity, refused.Entity);
        Assert.Equal(state, refused.Current);
        Assert.Contains($" is {state};", refused.Message, StringComparison.Ordinal);
        Assert.Contains(entity, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tables_of_allowed_transitions_only_use_known_states_and_operations()
    {
        Assert.All(AllowedApplication, t =>
        {
            Assert.Contains(t.Key.From, ApplicationStatus.All);
            Assert.Contains(t.Value, ApplicationStatus.All);
            Assert.Contains(t.Key.Operation, ApplicationOperations.Keys);
        });
        Assert.All(AllowedCertificate, t =>
        {
            Assert.Contains(t.Key.From, CertificateStatus.All);
            Assert.Contains(t.Value, CertificateStatus.All);
            Assert.Contains(t.Key.Operation, CertificateOperations.Keys);
        });
    }

    // Each transition's event

    [Fact]
    public void Taking_an_application_under_review_reports_the_reviewing_organization() =>
        Assert.Equal(new Changed<CertificationTakenUnderReview>(ApplicationStatus.UnderReview, new CertificationTakenUnderReview(ApplicationId, EnterpriseId, Reviewer)),
            CertificationWorkflow.TakeUnderReview(Application(ApplicationStatus.Submitted), Reviewer));

    [Fact]
    public void An_approval_reports_the_certificate_it_issues() =>
        Assert.Equal(new Changed<CertificationApproved>(ApplicationStatus.Approved, new CertificationApproved(ApplicationId, EnterpriseId, NewCertificateId)),
            CertificationWorkflow.Approve(Application(ApplicationStatus.UnderReview), NewCertificateId));

    [Fact]
    public void The_certificate_an_approval_names_is_issued_active_for_the_applied_grade_for_three_years()
    {
        var application = Application(ApplicationStatus.UnderReview);
        var (_, approved) = CertificationWorkflow.Approve(application, NewCertificateId);

        var (status, issued) = CertificationWorkflow.Issue(application, approved, new DateOnly(2026, 11, 23));

        Assert.Equal(CertificateStatus.Active, status);
        Assert.Equal(new CertificateIssued(NewCertificateId, EnterpriseId, 3, new DateOnly(2029, 11, 22)), issued);
    }

    [Fact]
    public void No_certificate_is_issued_on_the_approval_of_another_application() =>
        Assert.Throws<ArgumentException>(() => CertificationWorkflow.Issue(Application(ApplicationStatus.UnderReview),
            new CertificationApproved(Guid.NewGuid(), EnterpriseId, NewCertificateId), new DateOnly(2026, 11, 23)));

    [Fact]
    public void A_rejection_reports_its_reason() =>
        Assert.Equal(new Changed<CertificationRejected>(ApplicationStatus.Rejected, new CertificationRejected(ApplicationId, EnterpriseId, "Incomplete.")),
            CertificationWorkflow.Reject(Application(ApplicationStatus.UnderReview), "Incomplete."));

    [Fact]
    public void A_suspension_reports_its_reason() =>
        Assert.Equal(new Changed<CertificateSuspended>(CertificateStatus.Suspended, new CertificateSuspended(CertificateId, EnterpriseId, "Audit.")),
            CertificationWorkflow.Suspend(Certificate(CertificateStatus.Active), "Audit."));

    [Fact]
    public void A_suspended_certificate_can_be_reinstated_and_the_reinstatement_reports_its_reason() =>
        Assert.Equal(new Changed<CertificateReinstated>(CertificateStatus.Active, new CertificateReinstated(CertificateId, EnterpriseId, "Audit passed.")),
            CertificationWorkflow.Reinstate(Certificate(CertificateStatus.Suspended), "Audit passed."));

    [Theory]
    [InlineData(CertificateStatus.Active)]
    [InlineData(CertificateStatus.Suspended)]
    public void A_revocation_reports_its_reason(string from) =>
        Assert.Equal(new Changed<CertificateRevoked>(CertificateStatus.Revoked, new CertificateRevoked(CertificateId, EnterpriseId, "Fraud.")),
            CertificationWorkflow.Revoke(Certificate(from), "Fraud."));

    [Theory]
    [InlineData(CertificateStatus.Active)]
    [InlineData(CertificateStatus.Suspended)]
    public void A_superseded_certificate_names_the_one_that_replaces_it(string from) =>
        Assert.Equal(new Changed<CertificateSuperseded>(CertificateStatus.Superseded, new CertificateSuperseded(CertificateId, EnterpriseId, NewCertificateId)),
            CertificationWorkflow.Supersede(Certificate(from), NewCertificateId));

    [Fact]
    public void A_revoked_certificate_cannot_be_reinstated_and_the_refusal_says_so()
    {
        var refused = Assert.Throws<InvalidTransitionException>(() => CertificationWorkflow.Reinstate(Certificate(CertificateStatus.Revoked), "Please."));

        Assert.Equal("The certificate is revoked; it cannot be reinstated.", refused.Message);
        Assert.Equal("reinstated", refused.Attempted);
    }

    [Fact]
    public void Only_submitted_and_under_review_applications_are_open()
    {
        Assert.True(ApplicationStatus.IsOpen(ApplicationStatus.Submitted));
        Assert.True(ApplicationStatus.IsOpen(ApplicationStatus.UnderReview));
        Assert.False(ApplicationStatus.IsOpen(ApplicationStatus.Approved));
        Assert.False(ApplicationStatus.IsOpen(ApplicationStatus.Rejected));
    }

    [Theory]
    [InlineData("active", true)]
    [InlineData("suspended", true)]
    [InlineData("revoked", false)]
    [InlineData("expired", false)]
    [InlineData("superseded", false)]
    public void Only_active_and_suspended_certificates_are_current(string status, bool current)
    {
        Assert.True(CertificateStatus.IsKnown(status));
        Assert.Equal(current, CertificateStatus.IsCurrent(status));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Active")]
    [InlineData("cancelled")]
    public void Unknown_certificate_states_are_not_known(string? status) => Assert.False(CertificateStatus.IsKnown(status));

    private static readonly DateOnly LastValidDay = new(2029, 11, 22);

    [Theory]
    [InlineData("active")]
    [InlineData("suspended")]
    public void A_current_certificate_past_its_last_valid_day_expires_and_the_expiry_is_reported(string status)
    {
        var expired = new Changed<CertificateExpired>(CertificateStatus.Expired, new CertificateExpired(CertificateId, EnterpriseId));
        Assert.Equal(expired, CertificationWorkflow.ExpireIfDue(Certificate(status), LastValidDay, LastValidDay.AddDays(1)));
        Assert.Equal(expired, CertificationWorkflow.ExpireIfDue(Certificate(status), LastValidDay, LastValidDay.AddYears(1)));
    }

    [Theory]
    [InlineData("active")]
    [InlineData("suspended")]
    public void A_current_certificate_is_unchanged_and_nothing_reported_on_and_before_its_last_valid_day(string status)
    {
        Assert.Null(CertificationWorkflow.ExpireIfDue(Certificate(status), LastValidDay, LastValidDay));
        Assert.Null(CertificationWorkflow.ExpireIfDue(Certificate(status), LastValidDay, LastValidDay.AddDays(-1)));
    }

    [Theory]
    [InlineData("revoked")]
    [InlineData("expired")]
    [InlineData("superseded")]
    public void An_ended_certificate_never_changes_on_expiry(string status)
    {
        foreach (var offset in new[] { -1, 0, 1, 400 })
            Assert.Null(CertificationWorkflow.ExpireIfDue(Certificate(status), LastValidDay, LastValidDay.AddDays(offset)));
    }
}
