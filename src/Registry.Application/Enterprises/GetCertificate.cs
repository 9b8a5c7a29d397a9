using MediatR;
using Registry.Application.Common;

namespace Registry.Application.Enterprises;

/// <summary>One certificate, as the directory shows it to everyone; its version comes back as ETag for a status change.</summary>
[Public]
public sealed record GetCertificate(Guid Id) : IQuery<CertificateView>;

internal sealed class GetCertificateHandler(IReadDb db) : IRequestHandler<GetCertificate, CertificateView>
{
    public async Task<CertificateView> Handle(GetCertificate q, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<CertificateView>(CertificationWrites.ViewSql, new { q.Id }, ct) ?? throw new NotFound("certificate", q.Id);
}
