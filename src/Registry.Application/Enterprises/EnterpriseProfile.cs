using FluentValidation;
using Registry.Application.Common;
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

public abstract class EnterpriseProfileValidator<T> : AbstractValidator<T> where T : IEnterpriseProfile
{
    protected EnterpriseProfileValidator(RegionDirectory regions)
    {
        RuleFor(x => x.LegalName).NotEmpty().Name();
        RuleFor(x => x.CreditCode).Custom((code, ctx) =>
        {
            if (UnifiedSocialCreditCode.Problem(code) is { } problem) ctx.AddFailure(Texts.Of(problem));
        });
        RuleFor(x => x.RegionCode).KnownProvinceOrCity(regions);
        RuleFor(x => x.Address).NotEmpty().PlainText(300);
        RuleFor(x => x.FoundedOn).InclusiveBetween(new DateOnly(1949, 10, 1), new DateOnly(2100, 1, 1));
        RuleFor(x => x.Contact).NotNull();
        RuleFor(x => x.Contact.Name).NotEmpty().Name(100).When(x => x.Contact is not null);
        RuleFor(x => x.Contact.Phone).NotEmpty().MaximumLength(40).Matches(@"^[0-9+\- ()]+\z").When(x => x.Contact is not null);
        RuleFor(x => x.Contact.Email).NotEmpty().EmailAddress().PlainText(200).When(x => x.Contact is not null);
        RuleFor(x => x.Capabilities).NotEmpty().WithMessage(_ => Texts.Get("validation.capability_required"))
            .MaxCount(Modalities.All.Count * TaskTypes.All.Count)
            .Must(c => c is null || c.Distinct().Count() == c.Count).WithMessage(_ => Texts.Get("validation.capability_twice"));
        RuleForEach(x => x.Capabilities).ChildRules(c =>
        {
            c.RuleFor(x => x.Modality).Must(Modalities.IsKnown).WithMessage(_ => Texts.Get("validation.unknown_modality_value"));
            c.RuleFor(x => x.TaskType).Must(TaskTypes.IsKnown).WithMessage(_ => Texts.Get("validation.unknown_task_type_value"));
        });
        RuleFor(x => x.Domains).NotNull().MaxCount(IndustryDomains.All.Count);
        RuleForEach(x => x.Domains).Must(IndustryDomains.IsKnown).WithMessage(_ => Texts.Get("validation.unknown_industry_domain_value"));
        RuleFor(x => x.Talent).NotNull().MaxCount(SkillLevels.All.Count);
        RuleForEach(x => x.Talent).Must(t => SkillLevels.IsKnown(t.Key) && t.Value >= 0)
            .WithMessage(_ => Texts.Get("validation.talent"));
        RuleFor(x => x.TotalStaff).InclusiveBetween(1, 1_000_000);
        RuleFor(x => x).Must(x => x.Talent is null || x.Talent.Values.Sum() <= x.TotalStaff).OverridePropertyName("talent")
            .WithMessage(_ => Texts.Get("validation.annotators_over_staff"));
        RuleFor(x => x.Security).NotNull();
        RuleFor(x => x.Security.MlpsLevel).InclusiveBetween(1, 5).When(x => x.Security is not null);
        RuleFor(x => x.Tools).NotNull().MaxCount(50);
        RuleForEach(x => x.Tools).NotEmpty().PlainText(100);
    }
}
