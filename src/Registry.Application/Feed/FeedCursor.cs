using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;

namespace Registry.Application.Feed;

/// <summary>
/// The change feed's cursor: opaque to readers (docs/one-network.md), the feed position (<see cref="PublicFeedProjection"/>) of
/// the last event a page covered behind a version byte, in URL-safe Base64, so the encoding can change in a later version
/// without breaking stored cursors. A regional slice's cursor also carries its region: positions are numbered per slice, so a
/// cursor of one slice (or of the whole feed) is refused by another instead of skipping or repeating events.
/// </summary>
public static class FeedCursor
{
    private const byte Whole = 1, Regional = 2;

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    /// <summary>The cursor after <paramref name="position"/> of the whole feed, or of the slice of <paramref name="region"/>.</summary>
    public static string Of(long position, string? region = null)
    {
        Span<byte> bytes = stackalloc byte[13];
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..9], position);
        if (region is null)
        {
            bytes[0] = Whole;
            return Base64Url.EncodeToString(bytes[..9]);
        }
        bytes[0] = Regional;
        BinaryPrimitives.WriteInt32BigEndian(bytes[9..], int.Parse(region, CultureInfo.InvariantCulture));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>
    /// The position behind <paramref name="cursor"/> of the whole feed (<paramref name="region"/> null) or of that region's
    /// slice; none or empty is the start (0). False for anything else, including a cursor of another slice.
    /// </summary>
    public static bool TryRead(string? cursor, out long position, string? region = null)
    {
        position = 0;
        if (string.IsNullOrEmpty(cursor)) return true;
        var length = region is null ? 9 : 13;
        Span<byte> bytes = stackalloc byte[18];
        if (cursor.Length != (length * 4 + 2) / 3 || !cursor.All(IsBase64UrlChar)
            || !Base64Url.TryDecodeFromChars(cursor, bytes, out var written) || written != length) return false;
        if (bytes[0] != (region is null ? Whole : Regional)) return false;
        if (region is not null && BinaryPrimitives.ReadInt32BigEndian(bytes[9..13]).ToString("D6", CultureInfo.InvariantCulture) != region) return false;
        position = BinaryPrimitives.ReadInt64BigEndian(bytes[1..9]);
        return position >= 0;
    }
}
