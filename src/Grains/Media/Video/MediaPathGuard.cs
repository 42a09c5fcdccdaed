namespace AiStudio.Media.Video;

/// <summary>
/// Paths handed to FFmpeg (on its command line or in a concat list) must be ones the server generated: absolute,
/// already normalised, under the media root, and free of quotes, backslashes and control characters.
/// </summary>
internal static class MediaPathGuard
{
    public static string NormalizeRoot(string root) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));

    public static bool IsSafe(string? path, string root)
    {
        if (string.IsNullOrEmpty(path) || path.Length > 1024 || !Path.IsPathFullyQualified(path))
        {
            return false;
        }

        foreach (var c in path)
        {
            if (char.IsControl(c) || c is '\'' or '"' or '\\')
            {
                return false;
            }
        }

        return path == Path.GetFullPath(path) && path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    public static string Require(string? path, string root, string what)
    {
        if (!IsSafe(path, root))
        {
            throw new ArgumentException($"The {what} path '{path}' is not an absolute, plain path under the media root.");
        }

        return path!;
    }
}
