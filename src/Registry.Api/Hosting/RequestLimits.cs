using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Registry.Api.Hosting;

/// <summary>The <c>Limits</c> configuration section.</summary>
public sealed class RequestLimitOptions
{
    /// <summary>Largest request body of an endpoint without a limit of its own (<c>Limits:MaxRequestBodyBytes</c>, default 1 MB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>
/// Bounds every request body: the endpoint's <see cref="IRequestSizeLimitMetadata"/> (e.g. the catalog import), else
/// <see cref="RequestLimitOptions.MaxRequestBodyBytes"/>. A declared length over the limit is refused before reading; a chunked
/// body is counted while it is read and refused at the first byte over the limit. Both answer 413. The application enforces
/// this itself, so the limit holds behind any server (Kestrel, IIS, the test host) and is answered the same way everywhere.
/// </summary>
public static class RequestLimits
{
    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Limits").Get<RequestLimitOptions>() ?? new RequestLimitOptions();
        builder.Services.AddSingleton(options);
        return builder;
    }

    /// <summary>Goes after the exception handler, so a refusal becomes a problem details answer.</summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app)
    {
        var defaults = app.ApplicationServices.GetRequiredService<RequestLimitOptions>();
        // A request that cannot carry a body (no Content-Length, not chunked) or an endpoint without a limit passes straight on:
        // no stream, no state machine.
        return app.Use((http, next) =>
            http.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false } || LimitOf(http.GetEndpoint(), defaults) is not { } max
                ? next(http)
                : BoundedAsync(http, next, max));
    }

    private static async Task BoundedAsync(HttpContext http, RequestDelegate next, long max)
    {
        if (http.Request.ContentLength > max) throw TooLarge(max);
        // The server's own limit would fail the read first, and minimal APIs answer that as a missing body (400).
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server) server.MaxRequestBodySize = null;
        var body = new BoundedStream(http.Request.Body, max);
        http.Request.Body = body;
        try
        {
            await next(http);
        }
        catch (Exception e) when (body.Exceeded && e is not BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            // Body binding swallows the read failure and reports a missing body instead: the cause is the size.
            throw TooLarge(max);
        }
    }

    /// <summary>The limit that applies to an endpoint; null when it declares none (DisableRequestSizeLimit).</summary>
    public static long? LimitOf(Endpoint? endpoint, RequestLimitOptions defaults) =>
        endpoint?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } declared ? declared.MaxRequestBodySize : defaults.MaxRequestBodyBytes;

    internal static BadHttpRequestException TooLarge(long max) =>
        new($"The request body is larger than this endpoint accepts ({Size(max)}).", StatusCodes.Status413PayloadTooLarge);

    private static string Size(long bytes) => bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes} bytes";

    /// <summary>Reads through to the request body and fails once more than the limit has been read.</summary>
    private sealed class BoundedStream(Stream inner, long max) : Stream
    {
        private long _read;

        public bool Exceeded => _read > max;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, Allowed(count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken));

        // Never asks the server for more than one byte past the limit, so a refused body is not read further.
        private int Allowed(int requested) => (int)Math.Min(requested, Math.Max(1, max - _read + 1));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > max) throw TooLarge(max);
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
