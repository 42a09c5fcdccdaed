using System.Security.Cryptography;

namespace AiStudio.Common;

/// <summary>Opaque, type-prefixed identifiers. The prefix keeps digit-only keys from colliding across grain types.</summary>
public static class EntityIds
{
    public const string ProjectPrefix = "prj_";
    public const string ImagePrefix = "img_";
    public const string VideoProjectPrefix = "vid_";
    public const string ClipPrefix = "clip_";

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewProjectId() => New(ProjectPrefix);
    public static string NewImageId() => New(ImagePrefix);
    public static string NewVideoProjectId() => New(VideoProjectPrefix);
    public static string NewClipId() => New(ClipPrefix);

    public static string New(string prefix) => prefix + RandomNumberGenerator.GetString(Alphabet, 20);

    /// <summary>True when <paramref name="id"/> has the prefix and a short body of [a-z0-9_-] only, so it is safe as a grain key and a path segment.</summary>
    public static bool IsWellFormed(string? id, string prefix)
    {
        if (id is null || id.Length <= prefix.Length || id.Length > 64 || !id.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in id.AsSpan(prefix.Length))
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
