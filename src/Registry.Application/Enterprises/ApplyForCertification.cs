using System.Text.Json;
using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Enterprises;

namespace Registry.Application.Enterprises;

/// <summary>The enterprise applies for a certificate grade, with the evidence documents' names, SHA-256 hashes and sizes.</summary>
[AllowedFor(Roles.Enterprise)]
public sealed record ApplyForCertification(int Grade, IReadOnlyList<EvidenceDocument> Evidence) : ICommand<ApplicationView>;

public sealed class ApplyForCertificationValidator : AbstractValidator<ApplyForCertification>
{
    public ApplyForCertificationValidator()
    {
        RuleFor(x => x.Grade).InclusiveBetween(GradingRule.MinGrade, GradingRule.MaxGrade);
        RuleFor(x => x.Evidence).NotEmpty().WithMessage(_ => Texts.Get("validation.evidence_required"))
            .MaxCount(50);
        RuleForEach(x => x.Evidence).ChildRules(d =>
        {
            d.RuleFor(x => x.Name).NotEmpty().PlainText(200);
            d.RuleFor(x => x.Sha256).Matches(@"^[0-9a-fA-F]{64}\z").WithMessage(_ => Texts.Get("validation.sha256_document"));
            d.RuleFor(x => x.Size).InclusiveBetween(1, 10L * 1024 * 1024 * 1024);
        });
    }
}

internal sealed class ApplyForCertificationHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock)
    : IRequestHandler<ApplyForCertification, ApplicationView>
{
    public async Task<ApplicationView> Handle(ApplyForCertification c, CancellationToken ct)
    {
        var enterpriseId = caller.RequireOrganization();
        var profile = await EnterpriseReads.FindAsync(db, enterpriseId, restricted: false, ct)
            ?? throw new BusinessRuleException("enterprise_not_registered", "Register the enterprise's profile before applying for certification.");
        if (profile.Applications!.FirstOrDefault(a => ApplicationStatus.IsOpen(a.Status)) is { } open)
            throw new InvalidTransitionException($"application {open.Id}", open.Status, "followed by another one; wait for its decision before applying again");
        var facts = new EnterpriseFacts(profile.TotalStaff, profile.Talent, profile.Security.MlpsLevel, profile.Security.Iso27001, profile.Security.SecureFacility);
        var shortfalls = GradingRule.Shortfalls(facts, c.Grade);
        if (shortfalls.Count > 0)
            throw new BusinessRuleException("grade_requirements_not_met", $"The declared profile does not meet grade {c.Grade}: {string.Join("; ", shortfalls)}.", c.Grade);

        var id = Guid.CreateVersion7();
        var evidence = c.Evidence.Select(e => e with { Sha256 = e.Sha256.ToLowerInvariant() }).ToList();
        await db.ExecuteAsync(InsertSql, new
        {
            id, enterpriseId, c.Grade, status = ApplicationStatus.Submitted, evidence = JsonSerializer.Serialize(evidence, Ledger.Json),
            now = clock.GetUtcNow(),
        }, ct);
        outbox.Publish(new CertificationApplied(id, enterpriseId, c.Grade));
        return (await CertificationReads.ApplicationAsync(db, id, ct))!;
    }

    private static readonly Sql InsertSql = new("""
        insert into certification_applications (id, enterprise_id, grade, status, evidence, submitted_at, row_version)
        values (@id, @enterpriseId, @grade, @status, @evidence, @now, 1)
        """);
}
