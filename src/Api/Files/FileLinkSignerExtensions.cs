namespace AiStudio.Files;

public static class FileLinkSignerExtensions
{
    /// <summary>The absolute link to <paramref name="key"/> on the host the request came to.</summary>
    public static string CreateUrl(this FileLinkSigner signer, HttpRequest request, string key) =>
        signer.CreateUrl($"{request.Scheme}://{request.Host}{request.PathBase}", key);
}
