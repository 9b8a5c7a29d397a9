using FluentValidation;
using Registry.Application.Common;
using Registry.Domain.Reference;
using Registry.Domain.Regions;

namespace Registry.Application.Bases;

/// <summary>The field rules a new base and a corrected one share.</summary>
internal static class BaseValidation
{
    public static void Apply<T>(AbstractValidator<T> v, RegionDirectory regions, Func<T, string> nameZh, Func<T, string?> nameEn, Func<T, string> level,
        Func<T, string> region, Func<T, string?> focusZh, Func<T, string?> focusEn, Func<T, IReadOnlyList<string>> domains)
    {
        v.RuleFor(x => nameZh(x)).NotEmpty().Name(100).OverridePropertyName("nameZh");
        v.RuleFor(x => nameEn(x)).Name(100).OverridePropertyName("nameEn");
        v.RuleFor(x => level(x)).Must(Registry.Domain.Bases.BaseLevels.IsKnown).OverridePropertyName("level")
            .WithMessage(_ => Texts.Get("validation.base_level"));
        v.RuleFor(x => region(x)).KnownProvinceOrCity(regions).OverridePropertyName("regionCode");
        v.RuleFor(x => focusZh(x)).MultilineText(500).OverridePropertyName("focusZh");
        v.RuleFor(x => focusEn(x)).MultilineText(500).OverridePropertyName("focusEn");
        v.RuleFor(x => domains(x)).NotNull().MaxCount(IndustryDomains.All.Count).OverridePropertyName("focusDomains");
        v.RuleForEach(x => domains(x)).Must(IndustryDomains.IsKnown).OverridePropertyName("focusDomains")
            .WithMessage(_ => Texts.Get("validation.unknown_industry_domain_value"));
    }
}
