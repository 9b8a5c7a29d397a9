using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Registry.Domain.Identifiers;

namespace Registry.Api.Hosting;

/// <summary>
/// An example for every JSON request body of the OpenAPI document, built from its schema: the sample values below by
/// field name, else the first value of an enum, else a value of the field's type and format.
/// </summary>
public static class RequestExamples
{
    private static readonly Dictionary<string, JsonNode?> Samples = new(StringComparer.Ordinal)
    {
        ["title"] = "成都市医学影像病灶标注", ["description"] = "CT images of the chest, anonymised, for lesion detection.",
        ["taskSpecification"] = "Outline every lesion larger than 3 mm with a polygon; label benign or malignant.",
        ["positiveExamples"] = new JsonArray("A 5 mm nodule outlined along its edge."), ["negativeExamples"] = new JsonArray("A vessel labeled as a nodule."),
        ["regionCode"] = "510100", ["region"] = "510100", ["code"] = "CD-HEALTH-2027-001",
        ["volume"] = 100000, ["minimumAccuracy"] = 0.95, ["accuracy"] = 0.98, ["budgetCeiling"] = 500000, ["price"] = 480000,
        ["requiredGrade"] = 3, ["grade"] = 3, ["teamSize"] = 40, ["minimumEligibleBids"] = 3, ["quantity"] = 50000,
        ["sampleSize"] = 500, ["measuredAccuracy"] = 0.97, ["totalStaff"] = 120, ["size"] = 204800, ["mlpsLevel"] = 3,
        ["priceWeight"] = 40, ["technicalWeight"] = 40, ["qualityWeight"] = 20,
        ["bidDeadline"] = "2027-01-15T17:00:00+08:00", ["dueDate"] = "2027-04-30", ["deliveryDate"] = "2027-04-15",
        ["startDate"] = "2027-01-01", ["endDate"] = "2027-12-31", ["grantedOn"] = "2026-12-01", ["withdrawnOn"] = "2026-12-01",
        ["foundedOn"] = "2018-05-20",
        ["technicalSummary"] = "Two-pass labeling by certified radiology annotators, with a 10% expert review.",
        ["reason"] = "The top-ranked bidder withdrew its team.", ["note"] = "Sample of 500 images checked by two reviewers.",
        ["question"] = "Are the images already anonymised?", ["answer"] = "Yes: every DICOM tag identifying a patient is removed.",
        ["message"] = "You are invited to bid on our chest CT labeling demand.", ["grounds"] = "The winning bid's team size is below the demand's minimum.",
        ["reasoning"] = "The evaluation followed the published method.", ["legalBasis"] = "Government Procurement Law, article 77.",
        ["nameZh"] = "成都蜀语智标数据科技有限公司", ["nameEn"] = "Chengdu Shuyu Labeling Technology Co., Ltd.",
        ["legalName"] = "成都蜀语智标数据科技有限公司", ["displayName"] = "张伟", ["username"] = "zhang.wei",
        ["initialPassword"] = "Initial2027pass", ["contactEmail"] = "contact@example.org", ["email"] = "contact@example.org",
        ["phone"] = "+86 28 8888 0000", ["address"] = "成都市高新区天府大道 1 号", ["contact"] = "数据资源处 028-8888 0000",
        ["creditCode"] = UnifiedSocialCreditCode.Create("91510100MA6C00007"), ["agencyCreditCode"] = UnifiedSocialCreditCode.Create("11510100MB1A00005"),
        ["sourceSystem"] = "Chengdu health information platform", ["updateFrequency"] = "monthly",
        ["opennessConditions"] = "Research use under a data use agreement.",
        ["focusZh"] = "医疗影像与自动驾驶数据标注", ["focusEn"] = "Medical imaging and autonomous driving labeling",
        ["manifestSha256"] = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        ["sha256"] = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", ["name"] = "ISO27001-certificate.pdf",
        ["externalId"] = "sc-0001", ["volumeUnit"] = "images", ["domain"] = "healthcare", ["domains"] = new JsonArray("healthcare"), ["focusDomains"] = new JsonArray("healthcare"),
        ["modality"] = "image", ["modalities"] = new JsonArray("image"), ["taskType"] = "segmentation", ["taskTypes"] = new JsonArray("segmentation"),
        ["evaluation"] = new JsonObject { ["kind"] = "comprehensive", ["priceWeight"] = 40, ["technicalWeight"] = 40, ["qualityWeight"] = 20 },
        // Optional references are left out of the examples: a made-up identifier would answer 404.
        ["preferredBaseId"] = null, ["catalogEntryId"] = null, ["baseId"] = null, ["tools"] = new JsonArray("CVAT", "Label Studio"),
    };

    public static JsonNode? Of(IOpenApiSchema schema, OpenApiDocument document) => Build(schema, null, document, 0);

    private static bool Fits(JsonNode? sample, JsonSchemaType type) => sample switch
    {
        null => type.HasFlag(JsonSchemaType.Null),
        JsonObject => type.HasFlag(JsonSchemaType.Object),
        JsonArray => type.HasFlag(JsonSchemaType.Array),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => type.HasFlag(JsonSchemaType.String),
        _ => type.HasFlag(JsonSchemaType.Number) || type.HasFlag(JsonSchemaType.Integer),
    };

    private static JsonNode? Build(IOpenApiSchema schema, string? name, OpenApiDocument document, int depth)
    {
        if (schema is OpenApiSchemaReference { Reference.Id: { } id } && document.Components?.Schemas?.TryGetValue(id, out var target) == true)
            schema = target;
        if (depth > 5) return null;
        if ((schema.OneOf ?? schema.AnyOf)?.FirstOrDefault(s => s.Type != JsonSchemaType.Null) is { } alternative)
            return Build(alternative, name, document, depth + 1);
        var type = schema.Type ?? (schema.Properties is { Count: > 0 } ? JsonSchemaType.Object : JsonSchemaType.String);
        // A sample is used where the field has the sample's kind: "contact" is text in one body and an object in another.
        if (name is not null && Samples.TryGetValue(name, out var sample) && Fits(sample, type)) return sample?.DeepClone();
        if (schema.Enum is { Count: > 0 } values) return values.First(v => v is not null)?.DeepClone();
        if (type.HasFlag(JsonSchemaType.Object))
        {
            var result = new JsonObject();
            foreach (var (property, propertySchema) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
                result[property] = Build(propertySchema, property, document, depth + 1);
            return result;
        }
        if (type.HasFlag(JsonSchemaType.Array))
            return schema.Items is null ? new JsonArray() : new JsonArray(Build(schema.Items, null, document, depth + 1));
        if (type.HasFlag(JsonSchemaType.Integer)) return 1;
        if (type.HasFlag(JsonSchemaType.Number)) return 1.5;
        if (type.HasFlag(JsonSchemaType.Boolean)) return false;
        return schema.Format switch
        {
            "uuid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
            "date" => "2027-01-15",
            "date-time" => "2027-01-15T17:00:00+08:00",
            _ => "text",
        };
    }
}
