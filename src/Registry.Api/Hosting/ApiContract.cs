using Microsoft.AspNetCore.Http.Json;

namespace Registry.Api.Hosting;

/// <summary>The rules of the HTTP contract that hold for every endpoint: date-times state their offset, and HEAD answers wherever GET does.</summary>
internal static class ApiContract
{
    public static WebApplicationBuilder AddApiContract(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new OffsetRequiredConverter()));
        return builder;
    }

    /// <summary>
    /// Answers HEAD as the GET of the same address would, headers and Content-Length included, without the body. Goes before routing,
    /// so every GET endpoint (and the portal's files) answers HEAD without declaring it.
    /// </summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use((http, next) => HttpMethods.IsHead(http.Request.Method) ? HeadAsGetAsync(http, next) : next(http));

    private static async Task HeadAsGetAsync(HttpContext http, RequestDelegate next)
    {
        http.Request.Method = HttpMethods.Get;
        var body = http.Response.Body;
        await using var discarded = new CountingNullStream();
        http.Response.Body = discarded;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = body;
            http.Request.Method = HttpMethods.Head;
        }
        if (!http.Response.HasStarted && http.Response.ContentLength is null) http.Response.ContentLength = discarded.Length;
    }

    /// <summary>Counts what a GET would have sent and sends nothing.</summary>
    private sealed class CountingNullStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _length += count;
            return Task.CompletedTask;
        }
    }
}
