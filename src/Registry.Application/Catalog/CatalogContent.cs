using FluentValidation;
using Registry.Application.Common;
using Registry.Domain.Reference;
using Registry.Domain.Regions;

namespace Registry.Application.Catalog;

/// <summary>What a version of a catalog entry (公共数据标注目录条目) says about its dataset.</summary>
public interface ICatalogContent
{
    string Title { get; }
    string Description { get; }
    string Domain { get; }
    IReadOnlyList<string> Modalities { get; }
    IReadOnlyList<string> TaskTypes { get; }
    decimal Volume { get; }
    /// <summary>items, images, audio_hours, frames, point_cloud_frames or tokens.</summary>
    string VolumeUnit { get; }
    string SecurityLevel { get; }
    string Openness { get; }
    string? OpennessConditions { get; }
    string RegionCode { get; }
    string SourceSystem { get; }
    /// <summary>realtime, daily, weekly, monthly, quarterly, yearly or once.</summary>
    string UpdateFrequency { get; }
    string Contact { get; }
}

public static class CatalogUnits
{
    public static readonly string[] VolumeUnits = ["items", "images", "audio_hours", "frames", "point_cloud_frames", "tokens"];
    public static readonly string[] UpdateFrequencies = ["realtime", "daily", "weekly", "monthly", "quarterly", "yearly", "once"];
}

public abstract class CatalogContentValidator<T> : AbstractValidator<T> where T : ICatalogContent
{
    protected CatalogContentValidator(RegionDirectory regions)
    {
        RuleFor(x => x.Title).NotEmpty().Name();
        RuleFor(x => x.Description).NotEmpty().MultilineText(4000);
        RuleFor(x => x.Domain).Must(IndustryDomains.IsKnown).WithMessage(_ => Texts.Get("validation.unknown_industry_domain"));
        RuleFor(x => x.Modalities).NotEmpty().MaxCount(Modalities.All.Count);
        RuleForEach(x => x.Modalities).Must(Modalities.IsKnown).WithMessage(_ => Texts.Get("validation.unknown_modality_value"));
        RuleFor(x => x.TaskTypes).NotEmpty().MaxCount(TaskTypes.All.Count);
        RuleForEach(x => x.TaskTypes).Must(TaskTypes.IsKnown).WithMessage(_ => Texts.Get("validation.unknown_task_type_value"));
        RuleFor(x => x.Volume).GreaterThan(0).PrecisionScale(18, 2, ignoreTrailingZeros: true);
        RuleFor(x => x.VolumeUnit).Must(CatalogUnits.VolumeUnits.Contains).WithMessage(_ => Texts.Format("validation.one_of", "volumeUnit", string.Join(", ", CatalogUnits.VolumeUnits)));
        RuleFor(x => x.SecurityLevel).Must(DataSecurityLevels.IsKnown).WithMessage(_ => Texts.Get("validation.security_level"));
        RuleFor(x => x.Openness).Must(Openness.IsKnown).WithMessage(_ => Texts.Get("validation.openness"));
        RuleFor(x => x.OpennessConditions).NotEmpty().When(x => x.Openness == "conditional")
            .WithMessage(_ => Texts.Get("validation.conditions_required"));
        RuleFor(x => x.OpennessConditions).MultilineText(2000);
        RuleFor(x => x.RegionCode).KnownRegion(regions);
        RuleFor(x => x.SourceSystem).NotEmpty().PlainText(200);
        RuleFor(x => x.UpdateFrequency).Must(CatalogUnits.UpdateFrequencies.Contains)
            .WithMessage(_ => Texts.Format("validation.one_of", "updateFrequency", string.Join(", ", CatalogUnits.UpdateFrequencies)));
        RuleFor(x => x.Contact).NotEmpty().PlainText(200);
    }
}
