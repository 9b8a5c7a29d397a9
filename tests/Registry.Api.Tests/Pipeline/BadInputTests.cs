using System.Net;
using System.Text;
using System.Text.Json;
using Registry.Api.Tests.Access;
using Registry.Api.Tests.Catalog;
using Registry.Api.Tests.Demands;
using Registry.Api.Tests.Infrastructure;
using Registry.Domain.Identifiers;

namespace Registry.Api.Tests.Pipeline;

/// <summary>
/// Text a database cannot store (NUL is refused by PostgreSQL), text that misleads readers (bidirectional overrides in names)
/// and bodies too large to parse are refused as problem details, never a 500, and nothing of them is stored.
/// </summary>
public abstract class BadInputTests(RegistryApi api)
{
    private static Dictionary<string, object?> With(object body, string field, object? value)
    {
        var fields = JsonSerializer.SerializeToElement(body, RegistryApi.Json).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        fields[field] = value;
        return fields;
    }

    private async Task<long> AuditRecordsAsync() =>
        (await (await (await api.ClientAsAsync("nda")).GetAsync("/api/v1/audit/verify")).JsonAsync()).GetProperty("records").GetInt64();

    private static async Task<JsonElement> FieldErrorsAsync(HttpResponseMessage response) =>
        (await response.ProblemAsync(400)).GetProperty("errors");

    [Fact]
    public async Task A_NUL_in_a_catalog_title_is_a_field_error_and_stores_nothing()
    {
        var agency = await api.ClientAsAsync("cd.health");
        var before = await AuditRecordsAsync();

        var response = await agency.PostAsync("/api/v1/catalog", JsonBody.Of(With(CatalogArrange.NewEntry("医学影像"), "title", "医学\0影像")));

        Assert.True((await FieldErrorsAsync(response)).TryGetProperty("title", out _));
        Assert.Equal(before, await AuditRecordsAsync());
    }

    [Theory]
    [InlineData("/api/v1/enterprises?q=", "q")]
    [InlineData("/api/v1/catalog?q=", "q")]
    [InlineData("/api/v1/demands?status=", "status[0]")]
    public async Task A_NUL_in_a_public_search_is_a_field_error(string path, string field)
    {
        var response = await api.CreateClient().GetAsync(path + Uri.EscapeDataString("标注\0数据"));

        Assert.True((await FieldErrorsAsync(response)).TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_NUL_in_a_sign_in_username_is_a_400_whether_escaped_or_raw_and_the_form_still_signs_in()
    {
        var browser = new BrowserSession(api);
        var password = Uri.EscapeDataString(Registry.Api.Hosting.DemoData.Password);

        var escaped = await browser.SubmitRawAsync(await browser.OpenSignInPageAsync(), "/account/signin", $"username=cd.health%00&password={password}");
        await escaped.ProblemAsync(400);

        var raw = await browser.SubmitRawAsync(await browser.OpenSignInPageAsync(), "/account/signin", $"username=cd.health\0&password={password}");
        var page = await raw.Content.ReadAsStringAsync();
        Assert.True(raw.StatusCode == HttpStatusCode.BadRequest, page);
        Assert.Contains("not well formed", page, StringComparison.Ordinal);
        var signedIn = await browser.SignInAsync(raw, "cd.health", Registry.Api.Hosting.DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Theory]
    [InlineData("\u202E")]
    [InlineData("\u2066")]
    [InlineData("\u200F")]
    public async Task A_bidirectional_control_character_is_refused_in_names(string control)
    {
        var admin = await api.ClientAsAsync("admin");
        var organization = await admin.PostAsync("/api/v1/organizations", JsonBody.Of(new
        {
            nameZh = "合肥市数据局" + control + "txt.exe", kind = "agency", regionCode = "340100",
            creditCode = TestCreditCodes.Next("11340100MB"),
        }));
        Assert.True((await FieldErrorsAsync(organization)).TryGetProperty("nameZh", out _));

        var agency = await api.ClientAsAsync("cd.health");
        var demand = await agency.PostAsync("/api/v1/demands", JsonBody.Of(With(DemandArrange.Demand("车辆拉框"), "title", "车辆" + control + "拉框")));
        Assert.True((await FieldErrorsAsync(demand)).TryGetProperty("title", out _));

        var entry = await agency.PostAsync("/api/v1/catalog", JsonBody.Of(With(CatalogArrange.NewEntry("影像"), "title", "影像" + control)));
        Assert.True((await FieldErrorsAsync(entry)).TryGetProperty("title", out _));
    }

    [Fact]
    public async Task Free_text_keeps_line_breaks_and_right_to_left_marks_that_a_name_refuses()
    {
        var agency = await api.ClientAsAsync("cd.health");
        var title = "多行描述" + Guid.NewGuid().ToString("N")[..6];
        var description = "第一行：标注范围\n第二行：\t质检要求 \u200F(RTL)";

        var created = await agency.PostAsync("/api/v1/catalog", JsonBody.Of(With(CatalogArrange.NewEntry(title), "description", description)));
        var body = await created.JsonAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        Assert.Equal(description, body.GetProperty("content").GetProperty("description").GetString());

        var twoLineTitle = await agency.PostAsync("/api/v1/catalog", JsonBody.Of(With(CatalogArrange.NewEntry(title), "title", "第一行\n第二行")));
        Assert.True((await FieldErrorsAsync(twoLineTitle)).TryGetProperty("title", out _));
    }

    [Fact]
    public async Task Examples_of_a_demand_are_bounded_in_length_and_count()
    {
        var agency = await api.ClientAsAsync("cd.health");
        var before = await AuditRecordsAsync();

        var longExample = await agency.PostAsync("/api/v1/demands",
            JsonBody.Of(With(DemandArrange.Demand("示例过长"), "positiveExamples", new[] { new string('例', 1001) })));
        Assert.True((await FieldErrorsAsync(longExample)).TryGetProperty("positiveExamples[0]", out _));

        var tooMany = await agency.PostAsync("/api/v1/demands",
            JsonBody.Of(With(DemandArrange.Demand("示例过多"), "negativeExamples", Enumerable.Repeat("阴影", 51).ToArray())));
        Assert.True((await FieldErrorsAsync(tooMany)).TryGetProperty("negativeExamples", out _));
        Assert.Equal(before, await AuditRecordsAsync());
    }

    [Fact]
    public async Task A_five_megabyte_example_is_refused_as_too_large_before_it_is_parsed()
    {
        var agency = await api.ClientAsAsync("cd.health");

        var response = await agency.PostAsync("/api/v1/demands",
            JsonBody.Of(With(DemandArrange.Demand("五兆示例"), "positiveExamples", new[] { new string('a', 5 * 1024 * 1024) })));

        var problem = await response.ProblemAsync(413);
        Assert.Equal("/problems/payload-too-large", problem.GetProperty("type").GetString());
    }

    /// <summary>
    /// Sends a body of unknown length straight to the host (as Kestrel hands over a chunked body), so the stream counts exactly
    /// what the application read; an HTTP client would copy the whole body into the test server whatever the server does.
    /// </summary>
    private async Task<(int Status, JsonElement Problem)> SendChunkedAsync(string organization, string path, string mediaType, GeneratedBody body)
    {
        var token = await api.TokenAsync(organization);
        var context = await api.Server.SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = path[..(path.IndexOf('?') is var q and >= 0 ? q : path.Length)];
            c.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString(path.IndexOf('?') is var at and >= 0 ? path[at..] : "");
            c.Request.Headers.Authorization = "Bearer " + token;
            c.Request.ContentType = mediaType;
            c.Request.Headers.TransferEncoding = "chunked";
            c.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>(new ChunkedBody());
            c.Request.Body = body;
        });
        Assert.Equal("application/problem+json", context.Response.ContentType);
        return (context.Response.StatusCode, await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body));
    }

    [Fact]
    public async Task A_chunked_JSON_body_over_the_limit_is_refused_while_it_is_read()
    {
        var body = new GeneratedBody("{\"title\":\"", "标注数据", 3 * 1024 * 1024);

        var (status, problem) = await SendChunkedAsync("cd.health", "/api/v1/catalog", "application/json", body);

        Assert.True(status == 413, problem.ToString());
        Assert.Equal("/problems/payload-too-large", problem.GetProperty("type").GetString());
        Assert.True(body.Pulled <= 1024 * 1024 + 1, $"{body.Pulled} bytes were read from a body refused at 1 MB");
    }

    [Fact]
    public async Task A_chunked_import_over_twenty_megabytes_is_refused_before_it_is_parsed_and_imports_nothing()
    {
        var word = "分块导入" + Guid.NewGuid().ToString("N")[..6];
        var header = "code,title,description,domain,modalities,taskTypes,volume,volumeUnit,securityLevel,openness,opennessConditions,regionCode,sourceSystem,updateFrequency,contact\r\n";
        var body = new GeneratedBody(header, $"X-{word},{word},描述,transport,image,bounding_box,10,images,general,open,,340100,系统,daily,处室\r\n", 26 * 1024 * 1024);

        var (status, problem) = await SendChunkedAsync("hf.transport", "/api/v1/catalog/import?publish=true", "text/csv", body);

        Assert.Equal(413, status);
        Assert.Contains("20 MB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(body.Pulled <= 20 * 1024 * 1024 + 1, $"{body.Pulled} bytes were read from an import refused at 20 MB");
        var found = await (await api.CreateClient().GetAsync("/api/v1/catalog?q=" + Uri.EscapeDataString(word))).JsonAsync();
        Assert.Equal(0, found.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_without_reading()
    {
        var agency = await api.ClientAsAsync("cd.health");
        var content = new ByteArrayContent(new byte[2 * 1024 * 1024]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        await (await agency.PostAsync("/api/v1/catalog", content)).ProblemAsync(413);
    }

    private sealed class ChunkedBody : Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    /// <summary>A request body of unknown length (sent chunked) that repeats a text and counts how much the server read.</summary>
    private sealed class GeneratedBody(string head, string repeated, long total) : Stream
    {
        private readonly byte[] _head = Encoding.UTF8.GetBytes(head);
        private readonly byte[] _repeated = Encoding.UTF8.GetBytes(repeated);

        public long Pulled { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var written = 0;
            while (written < count && Pulled < total)
            {
                var source = Pulled < _head.Length ? _head : _repeated;
                var at = Pulled < _head.Length ? Pulled : (Pulled - _head.Length) % _repeated.Length;
                buffer[offset + written++] = source[at];
                Pulled++;
            }
            return written;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Pulled; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public sealed class BadInputTests_Sqlite(SqliteApi api) : BadInputTests(api), IClassFixture<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class BadInputTests_PostgreSql(PostgreSqlApi api) : BadInputTests(api), IClassFixture<PostgreSqlApi>;
