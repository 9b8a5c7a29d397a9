using System.Security.Cryptography;
using System.Text;
using Dapper;
using Registry.Api.Hosting;
using Registry.Api.Tests.Infrastructure;
using static Registry.Api.Tests.Audit.AuditArrange;

namespace Registry.Api.Tests.Audit;

/// <summary>Signed checkpoints: what a database writer who recomputes the whole chain cannot fake. Each test gets its own database.</summary>
public abstract class AuditCheckpointTests<TApi> where TApi : RegistryApi, new()
{
    [Fact]
    public async Task A_rewritten_record_with_the_whole_chain_recomputed_after_it_fails_at_the_signed_checkpoint()
    {
        await using var api = await FreshAsync<TApi>();
        var head = (await VerifyAsync(api)).GetProperty("records").GetInt64();
        var signed = await SignAsync(api);
        Assert.True(signed.GetProperty("signed").GetBoolean());
        Assert.Equal(head, signed.GetProperty("checkpoint").GetProperty("sequence").GetInt64());
        await RecordSomethingAsync(api.Services);
        var clean = await VerifyAsync(api);
        Assert.True(clean.GetProperty("intact").GetBoolean(), clean.ToString());
        Assert.Equal(head, clean.GetProperty("anchorCheckpoint").GetInt64());

        await RewriteAndRecomputeAsync(api, 2);

        AssertBreak(await VerifyAsync(api), head, "checkpointHashMismatch");
        AssertBreak(await VerifyAsync(api, "?from=1"), head, "checkpointHashMismatch");
        // The recomputed chain links up: after the checkpoint, the hash chain alone sees nothing wrong.
        Assert.True((await VerifyAsync(api, $"?from={head + 1}")).GetProperty("intact").GetBoolean());
        // And the platform refuses to sign over the rewrite.
        var refused = await (await (await api.ClientAsAsync("admin")).PostAsync("/api/v1/admin/jobs/audit-checkpoint", null)).ProblemAsync(422);
        Assert.Equal("audit_chain_broken", refused.GetProperty("code").GetString());
        Assert.Equal(1, (await CheckpointsAsync(api)).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("signature")]
    [InlineData("hash")]
    [InlineData("signed_at")]
    public async Task A_tampered_checkpoint_fails_verification_on_its_signature(string column)
    {
        await using var api = await FreshAsync<TApi>();
        var sequence = (await SignAsync(api)).GetProperty("checkpoint").GetProperty("sequence").GetInt64();
        await using (var connection = await OpenAsync(api))
        {
            var row = await connection.QuerySingleAsync<(string Hash, string Signature)>("select hash, signature from audit_checkpoints where seq = @sequence", new { sequence });
            var signature = Convert.FromBase64String(row.Signature);
            signature[^1] ^= 1;
            var tamper = column switch
            {
                "signature" => ("update audit_checkpoints set signature = @value where seq = @sequence", (object)Convert.ToBase64String(signature)),
                "hash" => ("update audit_checkpoints set hash = @value where seq = @sequence", new string('f', 64)),
                _ => ("update audit_checkpoints set signed_at = @value where seq = @sequence", new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            };
            Assert.Equal(1, await connection.ExecuteAsync(tamper.Item1, new { value = tamper.Item2, sequence }));
        }

        AssertBreak(await VerifyAsync(api), sequence, "checkpointSignatureInvalid");
        Assert.Equal("invalid", (await CheckpointsAsync(api)).GetProperty("items")[0].GetProperty("signatureCheck").GetString());
    }

    [Fact]
    public async Task Checkpoints_signed_with_another_key_are_reported_as_unverifiable_not_as_intact_or_broken()
    {
        await using var api = await FreshAsync<TApi>();
        await SignAsync(api);
        // Another host over the same database generates its own key, as every run does in Development and Testing.
        await using var other = api.WithWebHostBuilder(_ => { });
        var regulator = await ClientOfAsync(other, "nda");

        var report = await (await regulator.GetAsync("/api/v1/audit/verify?from=1")).SucceededJsonAsync();

        Assert.True(report.GetProperty("intact").GetBoolean(), report.ToString());
        Assert.Equal((0, 1), (report.GetProperty("checkpointsVerified").GetInt32(), report.GetProperty("checkpointsUnverifiable").GetInt32()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, report.GetProperty("anchorCheckpoint").ValueKind);
        Assert.Contains(report.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("cannot be checked", StringComparison.Ordinal));
        var listed = await (await regulator.GetAsync("/api/v1/audit/checkpoints")).SucceededJsonAsync();
        Assert.Equal("unknownKey", listed.GetProperty("items")[0].GetProperty("signatureCheck").GetString());
    }

    [Fact]
    public async Task A_served_checkpoint_checks_outside_the_platform_with_the_served_public_key()
    {
        await using var api = await FreshAsync<TApi>();
        await SignAsync(api);

        var page = await CheckpointsAsync(api);

        var checkpoint = page.GetProperty("items")[0];
        Assert.Equal("valid", checkpoint.GetProperty("signatureCheck").GetString());
        var key = page.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("keyId").GetString() == checkpoint.GetProperty("keyId").GetString());
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(key.GetProperty("publicKeyPem").GetString());
        Assert.Equal(key.GetProperty("keyId").GetString(), Convert.ToHexStringLower(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo())));
        Assert.True(ecdsa.VerifyData(Encoding.UTF8.GetBytes(checkpoint.GetProperty("signedText").GetString()!),
            Convert.FromBase64String(checkpoint.GetProperty("signature").GetString()!), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.StartsWith($"registry-audit-checkpoint/1\n{checkpoint.GetProperty("sequence").GetInt64()}\n{checkpoint.GetProperty("hash").GetString()}\n",
            checkpoint.GetProperty("signedText").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_job_signs_when_due_and_an_idle_log_is_not_signed_again()
    {
        await using var api = await FreshAsync<TApi>();
        var job = new AuditCheckpointJob(api.Services);

        await job.RunAsync(CancellationToken.None);
        await job.RunAsync(CancellationToken.None);

        var page = await CheckpointsAsync(api);
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        // One new record is neither 1000 records nor ten minutes: not due yet.
        await RecordSomethingAsync(api.Services);
        await job.RunAsync(CancellationToken.None);
        Assert.Equal(1, (await CheckpointsAsync(api)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Operators_signing_at_the_same_time_all_succeed_and_never_sign_a_sequence_twice()
    {
        await using var api = await FreshAsync<TApi>();
        var admins = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.ClientAsAsync("admin")));

        var answers = await Task.WhenAll(admins.Select(a => a.PostAsync("/api/v1/admin/jobs/audit-checkpoint", null)));

        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode, $"{(int)a.StatusCode} {a.Content.ReadAsStringAsync().Result}"));
        // Each signing is itself an audited record, so a later one may sign the earlier one's record: never the same sequence.
        var signed = (await CheckpointsAsync(api)).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("sequence").GetInt64()).ToList();
        Assert.InRange(signed.Count, 1, 4);
        Assert.Equal(signed.Count, signed.Distinct().Count());
        Assert.All((await CheckpointsAsync(api)).GetProperty("items").EnumerateArray(), c => Assert.Equal("valid", c.GetProperty("signatureCheck").GetString()));
    }

    [Fact]
    public async Task Only_regulators_and_the_operator_read_checkpoints_and_only_the_operator_signs()
    {
        await using var api = await FreshAsync<TApi>();
        var enterprise = await api.ClientAsAsync("shuyu");

        await (await enterprise.GetAsync("/api/v1/audit/checkpoints")).ProblemAsync(403);
        await (await enterprise.GetAsync("/api/v1/audit/verify")).ProblemAsync(403);
        await (await (await api.ClientAsAsync("nda")).PostAsync("/api/v1/admin/jobs/audit-checkpoint", null)).ProblemAsync(403);

        Assert.Equal(0, (await CheckpointsAsync(api)).GetProperty("total").GetInt32());
    }
}

public sealed class AuditCheckpointTests_Sqlite : AuditCheckpointTests<SqliteApi>;

[Trait("Provider", "PostgreSql")]
public sealed class AuditCheckpointTests_PostgreSql : AuditCheckpointTests<PostgreSqlApi>;
