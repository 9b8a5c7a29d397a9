using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Registry.Application.Audit;

namespace Registry.Api.Hosting;

/// <summary>The <c>Audit</c> configuration section's keys (its schedule is <see cref="AuditCheckpointOptions"/>).</summary>
public sealed class AuditOptions
{
    /// <summary>The certificate, with its private key, that signs checkpoints; required in Production, never stored in the database.</summary>
    public CertificateOptions SigningCertificate { get; set; } = new();

    /// <summary>Certificate files (PEM or DER, public key only) of retired signing keys, so their checkpoints still check.</summary>
    public string[] TrustedCertificates { get; set; } = [];
}

public static class AuditSigningExtensions
{
    public static WebApplicationBuilder AddRegistryAuditSigning(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Audit");
        var audit = section.Get<AuditOptions>() ?? new AuditOptions();
        if (builder.Environment.IsProduction() && !audit.SigningCertificate.IsConfigured)
        {
            throw new InvalidOperationException(
                "Production needs Audit:SigningCertificate (Path and Password, or Thumbprint), a key kept outside the database that signs " +
                "the audit checkpoints. See docs/operations.md.");
        }
        builder.Services.AddSingleton(section.Get<AuditCheckpointOptions>() ?? new AuditCheckpointOptions());
        builder.Services.AddSingleton<IAuditSigner>(_ => audit.SigningCertificate.IsConfigured
            ? AuditSigner.FromCertificate(audit.SigningCertificate.Load(nameof(audit.SigningCertificate), "Audit"), audit.TrustedCertificates)
            : AuditSigner.Generate(audit.TrustedCertificates));
        return builder;
    }
}

/// <summary>Signs with RSA (PKCS #1 v1.5) or ECDSA (DER signatures), SHA-256; a key's id is the SHA-256 of its SubjectPublicKeyInfo.</summary>
internal sealed class AuditSigner : IAuditSigner, IDisposable
{
    private readonly AsymmetricAlgorithm _signing;
    private readonly Dictionary<string, AsymmetricAlgorithm> _verifying = [];
    private readonly Lock _lock = new();

    private AuditSigner(AsymmetricAlgorithm signing, bool generated, IEnumerable<AsymmetricAlgorithm> trusted)
    {
        _signing = signing;
        Generated = generated;
        KeyId = IdOf(signing);
        var keys = new List<AuditSigningKey>();
        foreach (var key in trusted.Prepend(signing))
        {
            var id = IdOf(key);
            if (!_verifying.TryAdd(id, key)) continue;
            keys.Add(new AuditSigningKey(id, AlgorithmOf(key), PemEncoding.WriteString("PUBLIC KEY", key.ExportSubjectPublicKeyInfo()), id == KeyId));
        }
        Keys = keys;
    }

    public static AuditSigner FromCertificate(X509Certificate2 certificate, IEnumerable<string> trusted) =>
        new((AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException("Audit:SigningCertificate must be an RSA or ECDSA certificate with its private key."),
            generated: false, Trusted(trusted));

    public static AuditSigner Generate(IEnumerable<string> trusted) =>
        new(ECDsa.Create(ECCurve.NamedCurves.nistP256), generated: true, Trusted(trusted));

    private static IEnumerable<AsymmetricAlgorithm> Trusted(IEnumerable<string> paths) => paths.Select(path =>
    {
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(path);
        return (AsymmetricAlgorithm?)certificate.GetRSAPublicKey() ?? certificate.GetECDsaPublicKey()
            ?? throw new InvalidOperationException($"Audit:TrustedCertificates: {path} holds neither an RSA nor an ECDSA key.");
    }).ToList();

    public string KeyId { get; }

    public bool Generated { get; }

    public IReadOnlyList<AuditSigningKey> Keys { get; }

    public string Sign(byte[] data)
    {
        lock (_lock) return Convert.ToBase64String(_signing switch
        {
            RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ecdsa => ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
            _ => throw new InvalidOperationException("Unsupported audit signing key."),
        });
    }

    public SignatureCheck Verify(string keyId, byte[] data, string signature)
    {
        if (!_verifying.TryGetValue(keyId, out var key)) return SignatureCheck.UnknownKey;
        var bytes = new byte[signature.Length];
        if (!Convert.TryFromBase64String(signature, bytes, out var length)) return SignatureCheck.Invalid;
        lock (_lock)
        {
            try
            {
                var valid = key switch
                {
                    RSA rsa => rsa.VerifyData(data, bytes.AsSpan(0, length), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                    ECDsa ecdsa => ecdsa.VerifyData(data, bytes.AsSpan(0, length), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
                    _ => false,
                };
                return valid ? SignatureCheck.Valid : SignatureCheck.Invalid;
            }
            catch (CryptographicException)
            {
                // A malformed signature is a wrong one.
                return SignatureCheck.Invalid;
            }
        }
    }

    private static string IdOf(AsymmetricAlgorithm key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    private static string AlgorithmOf(AsymmetricAlgorithm key) => key is RSA ? "RSA-PKCS1-SHA256" : "ECDSA-SHA256";

    public void Dispose()
    {
        foreach (var key in _verifying.Values) key.Dispose();
    }
}
