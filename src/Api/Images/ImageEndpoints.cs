using AiStudio.Auth;
using AiStudio.Common;
using AiStudio.Files;
using AiStudio.Idempotency;
using AiStudio.Problems;
using AiStudio.Projects;
using AiStudio.Requests;
using AiStudio.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiStudio.Images;

public static class ImageEndpoints
{
    /// <summary>
    /// Image generations: upload to a project (multipart or by URL), list a project's images, read one, its version
    /// history, edit it into a new version, retry a failed one, cancel one in progress. Every input is checked before
    /// anything is stored.
    /// </summary>
    public static RouteGroupBuilder MapImageEndpoints(this RouteGroupBuilder v1)
    {
        var projectImages = v1.MapGroup("/projects/{projectId}/images").WithTags("Images");
        projectImages.MapPost("", UploadAsync).WithName("CreateImage").WithIdempotency()
            .Accepts<ImageFromUrlRequest>("application/json", "multipart/form-data")
            .DisableAntiforgery();
        projectImages.MapGet("", ListAsync).WithName("ListProjectImages");

        var images = v1.MapGroup("/images/{imageId}").WithTags("Images");
        images.MapGet("", GetAsync).WithName("GetImage");
        images.MapGet("/versions", GetVersionsAsync).WithName("GetImageVersions");
        images.MapPost("/edits", EditAsync).WithName("EditImage").WithIdempotency()
            .Accepts<EditImageRequest>("application/json");
        images.MapPost("/retry", RetryAsync).WithName("RetryImage").WithIdempotency();
        images.MapPost("/cancel", CancelAsync).WithName("CancelImage").WithIdempotency();
        return v1;
    }

    private static async Task<Accepted<ImageGenerationResponse>> UploadAsync(
        string projectId, Caller caller, HttpRequest request, IClusterClient client, ImageIntake intake, IBlobStore blobs,
        FileLinkSigner links, CancellationToken cancellationToken)
    {
        await ProjectLookup.RequireAsync(client, caller, projectId);
        var upload = request.HasFormContentType ? await intake.ReadUploadAsync(request, cancellationToken)
            : request.HasJsonContentType() ? await intake.ReadFromUrlAsync(request, cancellationToken)
            : throw ApiProblemException.UnsupportedMediaType(
                "Send multipart/form-data with 'file' and 'prompt', or application/json with 'imageUrl' and 'prompt'.");

        var imageId = EntityIds.NewImageId();
        var originalKey = BlobKeys.ImageOriginal(caller.WorkspaceId, imageId, upload.Format.Extension);
        var image = await StoreThenCallAsync(blobs, originalKey, upload.Content, () =>
            client.GetGrain<IImageGenerationGrain>(imageId).CreateAsync(
                new NewImage(caller.WorkspaceId, caller.UserId, projectId, originalKey, upload.Prompt)));
        return TypedResults.Accepted($"/v1/images/{imageId}", ImageGenerationResponse.From(image, links, request));
    }

    private static async Task<Ok<ItemList<ImageGenerationResponse>>> ListAsync(
        string projectId, Caller caller, IClusterClient client, FileLinkSigner links, HttpRequest request)
    {
        var (project, _) = await ProjectLookup.RequireAsync(client, caller, projectId);
        var ids = await project.GetImageIdsAsync();
        var images = await Task.WhenAll(ids.Select(id => client.GetGrain<IImageGenerationGrain>(id).GetAsync()));
        var items = images
            .Where(image => image is not null && image.WorkspaceId == caller.WorkspaceId)
            .Select(image => ImageGenerationResponse.From(image!, links, request))
            .ToList();
        return TypedResults.Ok(new ItemList<ImageGenerationResponse>(items));
    }

    private static async Task<Ok<ImageGenerationResponse>> GetAsync(
        string imageId, Caller caller, IClusterClient client, FileLinkSigner links, HttpRequest request)
    {
        var (_, image) = await ImageLookup.RequireAsync(client, caller, imageId);
        return TypedResults.Ok(ImageGenerationResponse.From(image, links, request));
    }

    private static async Task<Ok<ItemList<ImageGenerationResponse>>> GetVersionsAsync(
        string imageId, Caller caller, IClusterClient client, FileLinkSigner links, HttpRequest request)
    {
        var (grain, _) = await ImageLookup.RequireAsync(client, caller, imageId);
        var versions = await grain.GetVersionsAsync();
        var items = versions.OrderBy(image => image.Version).Select(image => ImageGenerationResponse.From(image, links, request)).ToList();
        return TypedResults.Ok(new ItemList<ImageGenerationResponse>(items));
    }

    private static async Task<Accepted<ImageGenerationResponse>> EditAsync(
        string imageId, Caller caller, HttpRequest request, IClusterClient client, ImageIntake intake, IBlobStore blobs,
        FileLinkSigner links, CancellationToken cancellationToken)
    {
        var (source, image) = await ImageLookup.RequireAsync(client, caller, imageId);
        var body = await JsonRequestReader.ReadAsync<EditImageRequest>(request, intake.MaxJsonBodyBytes, cancellationToken);
        var errors = new FieldErrors();
        var prompt = intake.CheckPrompt(body.Prompt, errors);
        if (body.EditMode is not null && !ImageEditModes.IsKnown(body.EditMode))
        {
            errors.Add("editMode", $"editMode must be \"{ImageEditModes.Remove}\" or \"{ImageEditModes.Add}\".");
        }

        byte[]? mask = null;
        if (body.MaskDataUrl is not null)
        {
            mask = intake.CheckMask(body.MaskDataUrl, errors);
        }
        else if (body.EditMode is not null)
        {
            errors.Add(ImageIntake.MaskField, "maskDataUrl is required");
        }

        errors.ThrowIfAny();
        if (image.Status != ImageStatus.Completed)
        {
            throw ApiProblemException.Conflict($"Only a completed image can be edited; this one is {image.Status.ToString().ToLowerInvariant()}.");
        }

        var newImageId = EntityIds.NewImageId();
        if (mask is null)
        {
            var edit = await source.CreateEditAsync(new ImageEdit(newImageId, caller.UserId, prompt, null, null));
            return Accepted(edit, links, request);
        }

        var maskKey = BlobKeys.ImageMask(caller.WorkspaceId, newImageId);
        var inpaint = await StoreThenCallAsync(blobs, maskKey, mask, () =>
            source.CreateEditAsync(new ImageEdit(newImageId, caller.UserId, prompt, body.EditMode ?? ImageEditModes.Remove, maskKey)));
        return Accepted(inpaint, links, request);
    }

    private static async Task<Accepted<ImageGenerationResponse>> RetryAsync(
        string imageId, Caller caller, IClusterClient client, FileLinkSigner links, HttpRequest request)
    {
        var (grain, _) = await ImageLookup.RequireAsync(client, caller, imageId);
        var image = await grain.RetryAsync();
        return Accepted(image, links, request);
    }

    private static async Task<Accepted<ImageGenerationResponse>> CancelAsync(
        string imageId, Caller caller, IClusterClient client, FileLinkSigner links, HttpRequest request)
    {
        var (grain, _) = await ImageLookup.RequireAsync(client, caller, imageId);
        var image = await grain.CancelAsync();
        return Accepted(image, links, request);
    }

    private static Accepted<ImageGenerationResponse> Accepted(ImageGeneration image, FileLinkSigner links, HttpRequest request) =>
        TypedResults.Accepted($"/v1/images/{image.Id}", ImageGenerationResponse.From(image, links, request));

    /// <summary>
    /// Stores a blob the grain call needs, then makes the call; when the call is refused or never reached the cluster the
    /// blob is deleted so nothing is left behind. After a time-out the call may have succeeded, so the blob stays.
    /// </summary>
    private static async Task<T> StoreThenCallAsync<T>(IBlobStore blobs, string key, byte[] content, Func<Task<T>> call)
    {
        using (var stream = new MemoryStream(content, writable: false))
        {
            await blobs.PutAsync(key, stream);
        }

        try
        {
            return await call();
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            await blobs.DeleteAsync(key);
            throw;
        }
    }
}
