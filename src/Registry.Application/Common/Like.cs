namespace Registry.Application.Common;

/// <summary>LIKE patterns from user text: the wildcards the user typed match themselves (escape character '\').</summary>
public static class Like
{
    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal);
}
