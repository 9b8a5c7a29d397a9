using System.Buffers.Binary;
using System.Buffers.Text;

namespace Registry.Application.Feed;

/// <summary>
/// The change feed's cursor: opaque to readers (docs/one-network.md), the feed position (<see cref="PublicFeedProjection"/>) of
/// the last event a page covered behind a version byte, in URL-safe Base64, so the encoding can change in a later version
/// without breaking stored cursors.
/// </summary>
public static class FeedCursor
{
    private const byte Version = 1;

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    public static string Of(long position)
    {
        Span<byte> bytes = stackalloc byte[9];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], position);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The position behind <paramref name="cursor"/>; none or empty is the start of the feed (0).</summary>
    public static bool TryRead(string? cursor, out long position)
    {
        position = 0;
        if (string.IsNullOrEmpty(cursor)) return true;
        Span<byte> bytes = stackalloc byte[12];
        if (cursor.Length != 12 || !cursor.All(IsBase64UrlChar)
            || !Base64Url.TryDecodeFromChars(cursor, bytes, out var written) || written != 9 || bytes[0] != Version) return false;
        position = BinaryPrimitives.ReadInt64BigEndian(bytes[1..9]);
        return position >= 0;
    }
}
