using System.Collections;
using System.Globalization;
using System.Net.Http.Headers;
using System.Resources;
using System.Text.Json;
using System.Text.RegularExpressions;
using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Infrastructure;
using Registry.Application.Common;

namespace Registry.Api.Tests.Hosting;

/// <summary>
/// Problem details speak the caller's language: Chinese for any zh* tag in Accept-Language, English otherwise and by default,
/// one language per message, while the code, the type and the field names stay the same in both.
/// </summary>
public abstract partial class LanguageTests(RegistryApi api)
{
    private static HttpRequestMessage Request(HttpMethod method, string path, string? language, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonBody.Of(body) };
        if (language is not null) request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return request;
    }

    /// <summary>Every message of a problem: title, detail and field errors.</summary>
    private static List<string> MessagesOf(JsonElement problem)
    {
        var messages = new List<string> { problem.GetProperty("title").GetString()! };
        if (problem.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String) messages.Add(detail.GetString()!);
        if (problem.TryGetProperty("errors", out var errors))
            foreach (var field in errors.EnumerateObject()) messages.AddRange(field.Value.EnumerateArray().Select(m => m.GetString()!));
        return messages;
    }

    private static void AssertChinese(string message)
    {
        Assert.Matches(Cjk(), message);
        // Data a Chinese sentence may name: quoted values, times' UTC offset, identifiers of the protocol and of standards.
        var words = Quoted().Replace(message, "").Replace("UTC", "").Replace("JSON", "").Replace("GB/T", "");
        Assert.DoesNotMatch(LatinWord(), words);
    }

    private static void AssertEnglish(string message)
    {
        Assert.DoesNotMatch(Cjk(), message);
        Assert.Matches(LatinWord(), message);
    }

    /// <summary>The same request in both languages: each answer in its language only, with the same status, code and type.</summary>
    private async Task<(JsonElement Chinese, JsonElement English)> BothAsync(Func<string?, HttpRequestMessage> request, int status, HttpClient? client = null)
    {
        client ??= api.CreateClient();
        var chinese = await (await client.SendAsync(request("zh-CN"))).ProblemAsync(status);
        var english = await (await client.SendAsync(request(null))).ProblemAsync(status);
        foreach (var message in MessagesOf(chinese)) AssertChinese(message);
        foreach (var message in MessagesOf(english)) AssertEnglish(message);
        Assert.Equal(english.GetProperty("code").GetString(), chinese.GetProperty("code").GetString());
        Assert.Equal(english.GetProperty("type").GetString(), chinese.GetProperty("type").GetString());
        return (chinese, english);
    }

    [Fact]
    public async Task An_unknown_item_is_not_found_in_Chinese_for_a_Chinese_caller_and_in_English_by_default()
    {
        var path = $"/api/v1/demands/{Guid.NewGuid()}";

        var (chinese, english) = await BothAsync(language => Request(HttpMethod.Get, path, language), 404, await api.ClientAsAsync("cd.health"));

        Assert.Contains("需求", chinese.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("No demand with id", english.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_business_rule_refusal_says_its_rule_in_Chinese_with_the_same_code()
    {
        var (contract, _) = await DemandArrange.PendingContractAsync(api, "双语规则测试需求");
        var agency = await api.ClientAsAsync("cd.health");
        var etag = await agency.ETagAsync($"/api/v1/contracts/{contract}");

        var (chinese, english) = await BothAsync(language =>
        {
            var request = Request(HttpMethod.Post, $"/api/v1/contracts/{contract}/signature", language, new { });
            request.Headers.IfMatch.Add(etag);
            return request;
        }, 422, agency);

        Assert.Equal("publicity_period", chinese.GetProperty("code").GetString());
        Assert.Contains("公示期", chinese.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("The result notice is public until", english.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_error_of_a_validator_is_in_the_callers_language_under_the_same_field_name()
    {
        var agency = await api.ClientAsAsync("cd.health");

        var (chinese, english) = await BothAsync(language =>
            Request(HttpMethod.Post, "/api/v1/demands", language, DemandArrange.Demand("换行\u0001标题")), 400, agency);

        Assert.Equal(english.GetProperty("errors").EnumerateObject().Select(f => f.Name), chinese.GetProperty("errors").EnumerateObject().Select(f => f.Name));
        Assert.Contains("title", chinese.GetProperty("errors").EnumerateObject().Select(f => f.Name));
        Assert.Equal(TextRules.NameMessage, english.GetProperty("errors").GetProperty("title")[0].GetString());
    }

    [Fact]
    public async Task A_validators_own_sentence_is_in_the_callers_language_with_the_same_values()
    {
        var (chinese, english) = await BothAsync(language => Request(HttpMethod.Get, "/api/v1/reference/regions?level=county", language), 400);

        Assert.Equal("'level' must be 'province' or 'city'.", english.GetProperty("errors").GetProperty("level")[0].GetString());
        Assert.Contains("“province”", chinese.GetProperty("errors").GetProperty("level")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_domain_rules_field_problem_is_in_the_callers_language_with_its_figures()
    {
        var agency = await api.ClientAsAsync("cd.health");
        var demand = DemandArrange.Demand("双语权重测试需求", evaluation: new { kind = "comprehensive", priceWeight = 50, technicalWeight = 30, qualityWeight = 10 });

        var (chinese, english) = await BothAsync(language => Request(HttpMethod.Post, "/api/v1/demands", language, demand), 400, agency);

        Assert.Equal("Weights must sum to 100, not 90.", english.GetProperty("errors").GetProperty("evaluation")[0].GetString());
        Assert.Equal("各项权重之和必须为100，而不是90。", chinese.GetProperty("errors").GetProperty("evaluation")[0].GetString());
    }

    [Fact]
    public async Task An_unknown_region_is_named_in_Chinese_by_its_code()
    {
        var agency = await api.ClientAsAsync("cd.health");

        var (chinese, english) = await BothAsync(language =>
            Request(HttpMethod.Post, "/api/v1/demands", language, DemandArrange.Demand("未知地区需求", region: "519900")), 400, agency);

        Assert.Equal("未知的地区代码 519900。", chinese.GetProperty("errors").GetProperty("regionCode")[0].GetString());
        Assert.Equal("Unknown region code 519900.", english.GetProperty("errors").GetProperty("regionCode")[0].GetString());
    }

    [Fact]
    public async Task FluentValidations_own_messages_follow_the_language_too()
    {
        var agency = await api.ClientAsAsync("cd.health");
        var request = Request(HttpMethod.Post, "/api/v1/demands", "zh", DemandArrange.Demand(""));

        var problem = await (await agency.SendAsync(request)).ProblemAsync(400);

        Assert.Matches(Cjk(), problem.GetProperty("errors").GetProperty("title")[0].GetString()!);
    }

    [Fact]
    public async Task A_query_value_that_does_not_parse_is_a_field_error_in_the_callers_language()
    {
        var (chinese, english) = await BothAsync(language => Request(HttpMethod.Get, "/api/v1/catalog?page=abc", language), 400);

        Assert.StartsWith("“abc”", chinese.GetProperty("errors").GetProperty("page")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("'abc' is not a whole number", english.GetProperty("errors").GetProperty("page")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_method_is_refused_in_the_callers_language()
    {
        var (chinese, _) = await BothAsync(language => Request(HttpMethod.Delete, "/api/v1/bases", language), 405);

        Assert.Equal("method_not_allowed", chinese.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_alerts_message_is_in_the_callers_language_and_both_languages_stay_named()
    {
        var alert = await Alerts.AlertArrange.OpenAsync(api);
        var sichuan = await api.ClientAsAsync("sichuan");

        var chinese = await (await sichuan.SendAsync(Request(HttpMethod.Get, $"/api/v1/alerts/{alert}", "zh-CN"))).SucceededJsonAsync();
        var english = await (await sichuan.SendAsync(Request(HttpMethod.Get, $"/api/v1/alerts/{alert}", null))).SucceededJsonAsync();
        var listed = await (await sichuan.SendAsync(Request(HttpMethod.Get, "/api/v1/alerts?pageSize=100&type=single_bidder", "zh"))).SucceededJsonAsync();

        // The sentence quotes data (the demand's number and title, bidders' names), so each is told by its own words.
        Assert.StartsWith("需求", chinese.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("仅有一家", chinese.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Demand ", english.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(english.GetProperty("message").GetString(), chinese.GetProperty("messageEn").GetString());
        Assert.Equal(chinese.GetProperty("message").GetString(), english.GetProperty("messageZh").GetString());
        var item = listed.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == alert);
        Assert.Equal(chinese.GetProperty("message").GetString(), item.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Answers_that_follow_the_language_vary_by_Accept_Language_problems_and_alert_lists_alike()
    {
        var problem = await api.CreateClient().SendAsync(Request(HttpMethod.Get, $"/api/v1/bases/{Guid.NewGuid()}", "zh-CN"));
        var alerts = await (await api.ClientAsAsync("sichuan")).SendAsync(Request(HttpMethod.Get, "/api/v1/alerts", "zh-CN"));
        var outside = await api.CreateClient().SendAsync(Request(HttpMethod.Get, "/no-such-page-outside-the-api", "zh-CN"));

        await problem.ProblemAsync(404);
        await alerts.SucceededJsonAsync();
        Assert.Contains("Accept-Language", problem.Headers.Vary);
        Assert.Contains("Accept-Language", alerts.Headers.Vary);
        Assert.Equal(1, alerts.Headers.Vary.Count(v => v == "Accept-Language"));
        Assert.Equal(outside.Content.Headers.ContentType?.MediaType == "application/problem+json", outside.Headers.Vary.Contains("Accept-Language"));
    }

    [Theory]
    [InlineData("zh-Hans", true)]
    [InlineData("zh-TW", true)]
    [InlineData("en-US,zh;q=0.9", false)]
    [InlineData("fr, zh-CN;q=0.5", true)]
    [InlineData("fr", false)]
    [InlineData("*", false)]
    public async Task Any_Chinese_tag_preferred_over_English_chooses_Chinese(string header, bool chinese)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/bases/{Guid.NewGuid()}");
        request.Headers.TryAddWithoutValidation("Accept-Language", header);

        var response = await api.CreateClient().SendAsync(request);

        var title = (await response.ProblemAsync(404)).GetProperty("title").GetString()!;
        Assert.Equal(chinese, Cjk().IsMatch(title));
        Assert.Equal(chinese ? "zh-CN" : "en", response.Content.Headers.ContentLanguage.Single());
    }

    [GeneratedRegex(@"[\u3400-\u9fff]")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"“[^”]*”|'[^']*'|/api/\S+|[A-Za-z-]+: \S+")]
    private static partial Regex Quoted();
}

public sealed class LanguageTests_Sqlite(SqliteApi api) : LanguageTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class LanguageTests_PostgreSql(PostgreSqlApi api) : LanguageTests(api), IClassFixture<PostgreSqlApi>;

/// <summary>The message resources: every key in both languages, each Chinese text Chinese, the same placeholders in both.</summary>
public sealed partial class LanguageResourceTests
{
    private static Dictionary<string, string> Entries(CultureInfo culture) =>
        Texts.Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    [Fact]
    public void Every_message_key_exists_in_English_and_in_Chinese_with_the_same_placeholders()
    {
        var english = Entries(CultureInfo.InvariantCulture);
        var chinese = Entries(CultureInfo.GetCultureInfo("zh"));

        Assert.Equal(english.Keys.Order(), chinese.Keys.Order());
        foreach (var (key, text) in chinese)
        {
            Assert.True(Cjk().IsMatch(text) || key.StartsWith("describe.bool", StringComparison.Ordinal), $"{key} is not Chinese: {text}");
            Assert.Equal(Placeholders(english[key]), Placeholders(text));
        }
    }

    [Fact]
    public void Validators_say_nothing_in_one_language_only_and_every_domain_field_problem_has_its_message_in_both()
    {
        var english = Entries(CultureInfo.InvariantCulture);
        var chinese = Entries(CultureInfo.GetCultureInfo("zh"));
        var literals = new List<string>();
        foreach (var file in SourceFiles("Registry.Application"))
        foreach (var (line, number) in File.ReadLines(file).Select((l, i) => (l, i + 1)))
            if (FixedMessage().IsMatch(line)) literals.Add($"{Path.GetFileName(file)}:{number}: {line.Trim()}");
        Assert.True(literals.Count == 0, "validator messages not taken from the resources (Texts.Get/Format):\n" + string.Join("\n", literals));

        var codes = SourceFiles("Registry.Domain").SelectMany(f => ProblemCode().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.True(codes.Count >= 20, $"only {codes.Count} field problem codes found: {string.Join(", ", codes)}");
        var missing = codes.Where(c => !english.ContainsKey("problem." + c) || !chinese.ContainsKey("problem." + c)).ToList();
        Assert.True(missing.Count == 0, "field problems without problem.<code> in both resource files: " + string.Join(", ", missing));
    }

    private static IEnumerable<string> SourceFiles(string project)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Registry.sln"))) dir = dir.Parent;
        return Directory.EnumerateFiles(Path.Combine(dir!.FullName, "src", project), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }

    /// <summary>A message given as text rather than as a function of the request's language: a literal or a constant.</summary>
    [GeneratedRegex(@"\.WithMessage\((?!\s*\(?_\s*(,|=>|\)))")]
    private static partial Regex FixedMessage();

    [GeneratedRegex(@"new FieldProblem\(\s*""([a-z0-9_]+)""")]
    private static partial Regex ProblemCode();

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order()];

    [GeneratedRegex(@"[\u3400-\u9fff]")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"(?<!\{)\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
