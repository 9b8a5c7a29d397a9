using System.Buffers.Binary;
using System.Buffers.Text;

namespace Registry.Application.Feed;

/// <summary>
/// The change feed's cursor: opaque to readers (docs/one-network.md), the outbox sequence of the last event a page covered
/// behind a version byte, in URL-safe Base64, so the encoding can change in a later version without breaking stored cursors.
/// </summary>
public static class FeedCursor
{
    private const byte Version = 1;

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    public static string Of(long sequence)
    {
        Span<byte> bytes = stackalloc byte[9];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], sequence);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The sequence behind <paramref name="cursor"/>; none or empty is the start of the feed (0).</summary>
    public static bool TryRead(string? cursor, out long sequence)
    {
        sequence = 0;
        if (string.IsNullOrEmpty(cursor)) return true;
        Span<byte> bytes = stackalloc byte[12];
        if (cursor.Length != 12 || !cursor.All(IsBase64UrlChar)
            || !Base64Url.TryDecodeFromChars(cursor, bytes, out var written) || written != 9 || bytes[0] != Version) return false;
        sequence = BinaryPrimitives.ReadInt64BigEndian(bytes[1..9]);
        return sequence >= 0;
    }
}
