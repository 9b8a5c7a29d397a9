using System.Text.Json;
using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Application.Organizations;
using Registry.Domain.Access;
using Registry.Domain.Identifiers;
using Registry.Domain.Reference;
using Registry.Domain.Regions;

namespace Registry.Application.Enterprises;

public sealed record EnterpriseContact(string Name, string Phone, string Email);

/// <summary>One thing the enterprise can label: a task type on a data modality.</summary>
public sealed record Capability(string Modality, string TaskType);

/// <summary>MLPS (等级保护) level 1–5, ISO/IEC 27001 certification, an on-premise secure labeling facility.</summary>
public sealed record EnterpriseSecurity(int MlpsLevel, bool Iso27001, bool SecureFacility);

/// <summary>
/// What an enterprise declares about itself. Its legal name, credit code and region are the organization's as the operator
/// registered them: the profile repeats them and refuses different ones (they change through an audited identity change).
/// </summary>
public interface IEnterpriseProfile
{
    string LegalName { get; }
    string CreditCode { get; }
    string RegionCode { get; }
    string Address { get; }
    DateOnly FoundedOn { get; }
    EnterpriseContact Contact { get; }
    Guid? BaseId { get; }
    IReadOnlyList<Capability> Capabilities { get; }
    IReadOnlyList<string> Domains { get; }
    /// <summary>Annotators per skill level of the AI trainer occupation: level_5 (初级工) … level_1 (高级技师).</summary>
    IReadOnlyDictionary<string, int> Talent { get; }
    int TotalStaff { get; }
    EnterpriseSecurity Security { get; }
    IReadOnlyList<string> Tools { get; }
}

/// <summary>An enterprise's user registers the enterprise's profile (once; later changes are updates).</summary>
[AllowedFor(Roles.Enterprise)]
public sealed record RegisterEnterprise(string LegalName, string CreditCode, string RegionCode, string Address, DateOnly FoundedOn,
    EnterpriseContact Contact, Guid? BaseId, IReadOnlyList<Capability> Capabilities, IReadOnlyList<string> Domains,
    IReadOnlyDictionary<string, int> Talent, int TotalStaff, EnterpriseSecurity Security, IReadOnlyList<string> Tools)
    : ICommand<EnterpriseDetail>, IEnterpriseProfile;

/// <summary>The enterprise updates its profile; If-Match carries the version it read.</summary>
[AllowedFor(Roles.Enterprise)]
public sealed record UpdateEnterpriseProfile(Guid EnterpriseId, long ExpectedVersion, string LegalName, string CreditCode, string RegionCode,
    string Address, DateOnly FoundedOn, EnterpriseContact Contact, Guid? BaseId, IReadOnlyList<Capability> Capabilities,
    IReadOnlyList<string> Domains, IReadOnlyDictionary<string, int> Talent, int TotalStaff, EnterpriseSecurity Security,
    IReadOnlyList<string> Tools) : ICommand<EnterpriseDetail>, IEnterpriseProfile;

public abstract class EnterpriseProfileValidator<T> : AbstractValidator<T> where T : IEnterpriseProfile
{
    protected EnterpriseProfileValidator()
    {
        RuleFor(x => x.LegalName).NotEmpty().Name();
        RuleFor(x => x.CreditCode).Custom((code, ctx) =>
        {
            if (UnifiedSocialCreditCode.Problem(code) is { } problem) ctx.AddFailure(problem);
        });
        RuleFor(x => x.RegionCode).Must(r => RegionCode.IsWellFormed(r) && r != RegionCode.National)
            .WithMessage("'regionCode' must be the GB/T 2260 code of a province or city, e.g. 510100.");
        RuleFor(x => x.Address).NotEmpty().PlainText(300);
        RuleFor(x => x.FoundedOn).InclusiveBetween(new DateOnly(1949, 10, 1), new DateOnly(2100, 1, 1));
        RuleFor(x => x.Contact).NotNull();
        RuleFor(x => x.Contact.Name).NotEmpty().Name(100).When(x => x.Contact is not null);
        RuleFor(x => x.Contact.Phone).NotEmpty().MaximumLength(40).Matches(@"^[0-9+\- ()]+\z").When(x => x.Contact is not null);
        RuleFor(x => x.Contact.Email).NotEmpty().EmailAddress().PlainText(200).When(x => x.Contact is not null);
        RuleFor(x => x.Capabilities).NotEmpty().WithMessage("Declare at least one capability (modality × task type).")
            .MaxCount(Modalities.All.Count * TaskTypes.All.Count)
            .Must(c => c is null || c.Distinct().Count() == c.Count).WithMessage("A capability is listed twice.");
        RuleForEach(x => x.Capabilities).ChildRules(c =>
        {
            c.RuleFor(x => x.Modality).Must(Modalities.IsKnown).WithMessage("Unknown modality '{PropertyValue}'; see /api/v1/reference/modalities.");
            c.RuleFor(x => x.TaskType).Must(TaskTypes.IsKnown).WithMessage("Unknown task type '{PropertyValue}'; see /api/v1/reference/task-types.");
        });
        RuleFor(x => x.Domains).NotNull().MaxCount(IndustryDomains.All.Count);
        RuleForEach(x => x.Domains).Must(IndustryDomains.IsKnown).WithMessage("Unknown industry domain '{PropertyValue}'; see /api/v1/reference/domains.");
        RuleFor(x => x.Talent).NotNull().MaxCount(SkillLevels.All.Count);
        RuleForEach(x => x.Talent).Must(t => SkillLevels.IsKnown(t.Key) && t.Value >= 0)
            .WithMessage("Talent is annotators per skill level: level_5 … level_1, each 0 or more.");
        RuleFor(x => x.TotalStaff).InclusiveBetween(1, 1_000_000);
        RuleFor(x => x).Must(x => x.Talent is null || x.Talent.Values.Sum() <= x.TotalStaff).OverridePropertyName("talent")
            .WithMessage("There are more annotators than staff.");
        RuleFor(x => x.Security).NotNull();
        RuleFor(x => x.Security.MlpsLevel).InclusiveBetween(1, 5).When(x => x.Security is not null);
        RuleFor(x => x.Tools).NotNull().MaxCount(50);
        RuleForEach(x => x.Tools).NotEmpty().PlainText(100);
    }
}

public sealed class RegisterEnterpriseValidator : EnterpriseProfileValidator<RegisterEnterprise>;

public sealed class UpdateEnterpriseProfileValidator : EnterpriseProfileValidator<UpdateEnterpriseProfile>
{
    public UpdateEnterpriseProfileValidator() =>
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).WithMessage("Send the version you read as If-Match.");
}

internal sealed class RegisterEnterpriseHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock)
    : IRequestHandler<RegisterEnterprise, EnterpriseDetail>
{
    public async Task<EnterpriseDetail> Handle(RegisterEnterprise c, CancellationToken ct)
    {
        var id = caller.RequireOrganization();
        if (await db.ScalarAsync<int>(ProfileWrites.ExistsSql, new { id }, ct) > 0)
            throw new Conflict("enterprise_already_registered", "This enterprise is registered already; update its profile instead.");
        await ProfileWrites.EnsureReferencesAsync(db, id, c, ct);
        var now = clock.GetUtcNow();
        await db.ExecuteAsync(InsertSql, ProfileWrites.Row(id, c, now), ct);
        await ProfileWrites.WriteChildrenAsync(db, id, c, ct);
        await EnterpriseProjection.RefreshAsync(db, id, ct);
        outbox.Publish(new OutboxEvent("enterprise.registered", "enterprise", id.ToString(), new { id, c.LegalName, c.CreditCode, c.RegionCode }));
        return await EnterpriseProjection.DetailAsync(db, id, ct, restricted: false);
    }

    private static readonly Sql InsertSql = new("""
        insert into enterprise_profiles (organization_id, legal_name, credit_code, region_code, address, founded_on, contact_name,
            contact_phone, contact_email, base_id, total_staff, mlps_level, iso27001, secure_facility, tools, row_version, created_at, updated_at)
        select o.id, o.name_zh, o.credit_code, o.region_code, @address, @foundedOn, @contactName, @contactPhone, @contactEmail, @baseId,
            @totalStaff, @mlpsLevel, @iso27001, @secureFacility, @tools, 1, @now, @now
        from organizations o where o.id = @id
        """);
}

internal sealed class UpdateEnterpriseProfileHandler(IWriteDb db, IOutbox outbox, ICaller caller, TimeProvider clock)
    : IRequestHandler<UpdateEnterpriseProfile, EnterpriseDetail>
{
    public async Task<EnterpriseDetail> Handle(UpdateEnterpriseProfile c, CancellationToken ct)
    {
        if (caller.OrganizationId != c.EnterpriseId) throw new NotFound("enterprise", c.EnterpriseId);
        var version = await db.QuerySingleOrDefaultAsync<long?>(VersionSql, new { id = c.EnterpriseId }, ct)
            ?? throw new NotFound("enterprise", c.EnterpriseId);
        if (version != c.ExpectedVersion)
            throw new PreconditionFailed($"The profile is at version {version}, not {c.ExpectedVersion}. Read it again.");
        await ProfileWrites.EnsureReferencesAsync(db, c.EnterpriseId, c, ct);
        var now = clock.GetUtcNow();
        await db.ExecuteAsync(UpdateSql, ProfileWrites.Row(c.EnterpriseId, c, now), ct);
        await ProfileWrites.WriteChildrenAsync(db, c.EnterpriseId, c, ct);
        await EnterpriseProjection.RefreshAsync(db, c.EnterpriseId, ct);
        outbox.Publish(new OutboxEvent("enterprise.updated", "enterprise", c.EnterpriseId.ToString(), new { id = c.EnterpriseId, c.LegalName }));
        return await EnterpriseProjection.DetailAsync(db, c.EnterpriseId, ct, restricted: false);
    }

    private static readonly Sql VersionSql = new("select row_version from enterprise_profiles where organization_id = @id");

    private static readonly Sql UpdateSql = new("""
        update enterprise_profiles set address = @address, founded_on = @foundedOn, contact_name = @contactName, contact_phone = @contactPhone, contact_email = @contactEmail,
            base_id = @baseId, total_staff = @totalStaff, mlps_level = @mlpsLevel, iso27001 = @iso27001, secure_facility = @secureFacility,
            tools = @tools, row_version = row_version + 1, updated_at = @now
        where organization_id = @id
        """);
}

/// <summary>The writes a registration and an update share.</summary>
internal static class ProfileWrites
{
    public static readonly Sql ExistsSql = new("select count(*) from enterprise_profiles where organization_id = @id");

    public static object Row(Guid id, IEnterpriseProfile p, DateTimeOffset now) => new
    {
        id, p.LegalName, p.CreditCode, p.RegionCode, p.Address, p.FoundedOn, contactName = p.Contact.Name, contactPhone = p.Contact.Phone,
        contactEmail = p.Contact.Email, p.BaseId, p.TotalStaff, mlpsLevel = p.Security.MlpsLevel, iso27001 = p.Security.Iso27001,
        secureFacility = p.Security.SecureFacility, tools = JsonSerializer.Serialize(p.Tools), now,
    };

    /// <summary>
    /// Name, credit code and region must be the organization's as the operator registered them (each difference a field
    /// error); the base must exist.
    /// </summary>
    public static async Task EnsureReferencesAsync(IWriteDb db, Guid id, IEnterpriseProfile p, CancellationToken ct)
    {
        var (registered, _) = await OrganizationIdentities.FindAsync(db, id, ct) ?? throw new NotFound("organization", id);
        var errors = OrganizationIdentities.Mismatches(registered, p.LegalName, p.CreditCode, p.RegionCode);
        if (errors.ContainsKey("creditCode") && await db.ScalarAsync<int>(CodeTakenSql, new { p.CreditCode, id }, ct) > 0)
            errors["creditCode"] = [$"The unified social credit code {p.CreditCode} is already registered to another organization."];
        if (p.BaseId is { } baseId && await db.ScalarAsync<int>(BaseExistsSql, new { baseId }, ct) == 0)
            errors["baseId"] = [$"No data labeling base with id {baseId}."];
        if (errors.Count > 0) throw new ValidationFailed(errors);
    }

    /// <summary>Capabilities, domains and talent; the organization's identity is never written from the profile.</summary>
    public static async Task WriteChildrenAsync(IWriteDb db, Guid id, IEnterpriseProfile p, CancellationToken ct)
    {
        await db.ExecuteAsync(DeleteCapabilitiesSql, new { id }, ct);
        foreach (var c in p.Capabilities.Distinct()) await db.ExecuteAsync(InsertCapabilitySql, new { id, c.Modality, c.TaskType }, ct);
        await db.ExecuteAsync(DeleteDomainsSql, new { id }, ct);
        foreach (var d in p.Domains.Distinct()) await db.ExecuteAsync(InsertDomainSql, new { id, domain = d }, ct);
        await db.ExecuteAsync(DeleteTalentSql, new { id }, ct);
        foreach (var level in SkillLevels.All)
            await db.ExecuteAsync(InsertTalentSql, new { id, level = level.Code, annotators = p.Talent.GetValueOrDefault(level.Code) }, ct);
    }

    private static readonly Sql BaseExistsSql = new("select count(*) from bases where id = @baseId");
    private static readonly Sql CodeTakenSql = new("""
        select count(*) from organizations where credit_code = @creditCode and id <> @id
        """);
    private static readonly Sql DeleteCapabilitiesSql = new("delete from enterprise_capabilities where enterprise_id = @id");
    private static readonly Sql InsertCapabilitySql = new("insert into enterprise_capabilities (enterprise_id, modality, task_type) values (@id, @modality, @taskType)");
    private static readonly Sql DeleteDomainsSql = new("delete from enterprise_domains where enterprise_id = @id");
    private static readonly Sql InsertDomainSql = new("insert into enterprise_domains (enterprise_id, domain_code) values (@id, @domain)");
    private static readonly Sql DeleteTalentSql = new("delete from enterprise_talent where enterprise_id = @id");
    private static readonly Sql InsertTalentSql = new("insert into enterprise_talent (enterprise_id, skill_level, annotators) values (@id, @level, @annotators)");
}
