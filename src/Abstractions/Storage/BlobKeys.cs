namespace AiStudio.Storage;

/// <summary>The shape of blob keys: relative, slash-separated segments of [A-Za-z0-9._-], none of them "." or "..".</summary>
public static class BlobKeys
{
    public static string Workspace(string workspaceId) => $"ws/{workspaceId}";

    public static string ImageFolder(string workspaceId, string imageId) => $"ws/{workspaceId}/images/{imageId}";

    public static string VideoProjectFolder(string workspaceId, string videoProjectId) => $"ws/{workspaceId}/videos/{videoProjectId}";

    /// <summary>The workspace a key belongs to, or null when the key is not under a workspace.</summary>
    public static string? WorkspaceOf(string key)
    {
        var parts = key.Split('/');
        return parts.Length > 2 && parts[0] == "ws" ? parts[1] : null;
    }

    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 512 || key[0] == '/' || key[^1] == '/')
        {
            return false;
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or "..")
            {
                return false;
            }

            foreach (var c in segment)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
