using AiStudio.Problems;
using AiStudio.Storage;
using Microsoft.AspNetCore.StaticFiles;

namespace AiStudio.Files;

public static class FileEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>Serves media through signed links: no API key, range requests supported, 403 for a tampered or expired link.</summary>
    public static IEndpointRouteBuilder MapFileEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(FileLinkSigner.RoutePrefix + "{**key}", [HttpMethods.Get, HttpMethods.Head], GetFileAsync)
            .WithName("GetFile")
            .WithTags("Files")
            .AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> GetFileAsync(
        string key, string? exp, string? sig, FileLinkSigner signer, IBlobStore blobs, HttpContext context)
    {
        switch (signer.Verify(key, exp, sig))
        {
            case FileLinkCheck.Tampered:
                throw new ApiProblemException(StatusCodes.Status403Forbidden, "Forbidden", "The file link's signature is not valid.");
            case FileLinkCheck.Expired:
                throw new ApiProblemException(StatusCodes.Status403Forbidden, "Forbidden", "The file link has expired; fetch the resource again for a fresh link.");
        }

        var content = BlobKeys.IsValid(key) ? await blobs.OpenReadAsync(key, context.RequestAborted) : null;
        if (content is null)
        {
            throw ApiProblemException.NotFound("The file does not exist.");
        }

        if (!ContentTypes.TryGetContentType(key, out var contentType))
        {
            contentType = "application/octet-stream";
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "private, max-age=3600";
        return TypedResults.Stream(content, contentType, enableRangeProcessing: true);
    }
}
