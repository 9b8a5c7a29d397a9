using Registry.Application.Enterprises;
using Registry.Domain.Enterprises;
using Registry.Domain.Reference;

namespace Registry.Api.Tests.Enterprises;

/// <summary>
/// The directory's bit positions are stored in every directory row: they must never move. These are the positions as first
/// stored; a value added to a closed list later gets a new position after them and leaves these as they are.
/// </summary>
public sealed class DirectoryBitsTests
{
    private static readonly string[] StoredModalities = ["text", "image", "video", "audio", "point_cloud", "four_d", "multimodal"];

    private static readonly string[] StoredTaskTypes =
    [
        "classification", "bounding_box", "segmentation", "keypoints", "object_tracking", "transcription", "entity_relation", "cuboid_3d",
        "annotation_4d", "cross_modal_alignment", "preference_ranking", "instruction_writing", "chain_of_thought", "labeling_review",
        "quality_assessment",
    ];

    private static readonly string[] StoredDomains =
    [
        "agriculture", "manufacturing", "transport", "healthcare", "finance", "science", "government_services", "urban_governance",
        "rural_revitalization", "autonomous_driving", "low_altitude_economy", "digital_trade", "human_resources", "information_services",
        "education", "energy", "other",
    ];

    private static readonly string[] StoredDesignations = ["leading", "gazelle", "unicorn", "sti"];

    [Fact]
    public void The_stored_positions_never_move()
    {
        for (var m = 0; m < StoredModalities.Length; m++)
            for (var t = 0; t < StoredTaskTypes.Length; t++)
                Assert.Equal(m * 15 + t, DirectoryBits.CapabilityPositions[(StoredModalities[m], StoredTaskTypes[t])]);
        for (var i = 0; i < StoredDomains.Length; i++) Assert.Equal(i, DirectoryBits.DomainPositions[StoredDomains[i]]);
        for (var i = 0; i < StoredDesignations.Length; i++) Assert.Equal(i, DirectoryBits.DesignationPositions[StoredDesignations[i]]);
    }

    [Fact]
    public void Every_value_of_the_closed_lists_has_its_own_position()
    {
        var pairs = Modalities.All.SelectMany(m => TaskTypes.All.Select(t => (m.Code, t.Code))).ToList();
        Assert.Equal(pairs.Count, pairs.Select(p => DirectoryBits.CapabilityPositions[p]).Distinct().Count());
        Assert.All(DirectoryBits.CapabilityPositions.Values, p => Assert.InRange(p, 0, DirectoryBits.CapabilityCapacity - 1));
        Assert.Equal(IndustryDomains.All.Count, IndustryDomains.All.Select(d => DirectoryBits.DomainPositions[d.Code]).Distinct().Count());
        Assert.Equal(Designations.All.Count, Designations.All.Select(d => DirectoryBits.DesignationPositions[d.Code]).Distinct().Count());
        Assert.All(DirectoryBits.DomainPositions.Values.Concat(DirectoryBits.DesignationPositions.Values), p => Assert.InRange(p, 0, 62));
    }

    [Fact]
    public void A_capability_mask_holds_the_pairs_of_a_listed_modality_with_a_listed_task_type()
    {
        var (lo, hi) = DirectoryBits.CapabilityMask(["image", "multimodal"], ["segmentation", "quality_assessment"]);
        var held = DirectoryBits.CapabilityPositions.Where(p => IsSet(lo, hi, p.Value)).Select(p => p.Key).OrderBy(p => p).ToList();
        Assert.Equal([("image", "quality_assessment"), ("image", "segmentation"), ("multimodal", "quality_assessment"), ("multimodal", "segmentation")], held);

        // An empty list stands for the whole list: every task type of audio, every modality of keypoints.
        var (audioLo, audioHi) = DirectoryBits.CapabilityMask(["audio"], []);
        Assert.Equal(15, DirectoryBits.CapabilityPositions.Count(p => IsSet(audioLo, audioHi, p.Value)));
        Assert.True(DirectoryBits.CapabilityPositions.Where(p => IsSet(audioLo, audioHi, p.Value)).All(p => p.Key.Modality == "audio"));
        var (keyLo, keyHi) = DirectoryBits.CapabilityMask([], ["keypoints"]);
        Assert.Equal(7, DirectoryBits.CapabilityPositions.Count(p => IsSet(keyLo, keyHi, p.Value)));
        // Point cloud keypoints is position 63, the sign bit of the first column.
        Assert.True(keyLo < 0);

        // An enterprise holding audio transcription and image bounding boxes holds no audio bounding box.
        var (eLo, eHi) = DirectoryBits.OfCapabilities([("audio", "transcription"), ("image", "bounding_box")]);
        var (mLo, mHi) = DirectoryBits.CapabilityMask(["audio"], ["bounding_box"]);
        Assert.Equal(0, (eLo & mLo) | (eHi & mHi));
        var (nLo, nHi) = DirectoryBits.CapabilityMask(["audio", "image"], ["bounding_box"]);
        Assert.NotEqual(0, (eLo & nLo) | (eHi & nHi));
    }

    [Fact]
    public void Domains_and_designations_are_one_bit_each()
    {
        Assert.Equal(1L << 3 | 1L << 4, DirectoryBits.OfDomains(["healthcare", "finance"]));
        Assert.Equal(1L << 16, DirectoryBits.OfDomains(["other"]));
        Assert.Equal(0, DirectoryBits.OfDomains([]));
        Assert.Equal(1L | 1L << 3, DirectoryBits.OfDesignations(["sti", "leading"]));
    }

    private static bool IsSet(long lo, long hi, int position) => position < 64 ? (lo >> position & 1) == 1 : (hi >> (position - 64) & 1) == 1;
}
