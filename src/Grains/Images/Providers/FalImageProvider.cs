using System.Text.Json.Nodes;
using AiStudio.Media;
using AiStudio.Providers;
using AiStudio.Providers.Fal;
using Microsoft.Extensions.Options;

namespace AiStudio.Images.Providers;

/// <summary>
/// Images made by fal.ai models through fal's queue: the source (and the prepared mask, white = edit) are uploaded to
/// fal storage, then <c>Fal:Models:Enhance</c> gets the prompt, <c>Fal:Models:Remove</c> the mask, and
/// <c>Fal:Models:Add</c> the mask and the prompt. The task id carries fal's own URLs for the request (see <see cref="FalTask"/>).
/// </summary>
public sealed class FalImageProvider(FalQueueClient fal, IOptions<FalOptions> options) : IImageProvider
{
    public const string ProviderName = "fal";

    public string Name => ProviderName;

    public string ModelFor(ImageJobKind kind) => kind switch
    {
        ImageJobKind.InpaintRemove => options.Value.Models.Remove,
        ImageJobKind.InpaintAdd => options.Value.Models.Add,
        _ => options.Value.Models.Enhance,
    };

    /// <exception cref="ArgumentException">The request has no source, is not an image, or is an inpaint without a mask.</exception>
    /// <exception cref="FalRequestException">fal refused the upload or the submit.</exception>
    public async Task<string> SubmitAsync(ImageJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.SourcePath);
        var inpaint = request.Kind is ImageJobKind.InpaintRemove or ImageJobKind.InpaintAdd;
        if (inpaint && string.IsNullOrEmpty(request.MaskPath))
        {
            throw new ArgumentException("An inpaint job needs a prepared mask.", nameof(request));
        }

        var input = new JsonObject { ["image_url"] = (await UploadImageAsync(request.SourcePath, "source", cancellationToken)).AbsoluteUri };
        if (inpaint)
        {
            input["mask_url"] = (await UploadImageAsync(request.MaskPath!, "mask", cancellationToken)).AbsoluteUri;
        }

        if (request.Kind != ImageJobKind.InpaintRemove && !string.IsNullOrWhiteSpace(request.Prompt))
        {
            input["prompt"] = request.Prompt;
        }

        return (await fal.SubmitAsync(ModelFor(request.Kind), input, request.JobKey, cancellationToken)).ToTaskId();
    }

    public Task<ProviderJobState> GetStatusAsync(string taskId, CancellationToken cancellationToken) =>
        FalTask.TryParse(taskId, fal.QueueUrl) is { } task ? fal.GetStatusAsync(task, cancellationToken) : Task.FromResult(ProviderJobState.Unknown);

    /// <exception cref="IOException">The image could not be downloaded or is not an image: the message is the seed's "Couldn't retrieve…".</exception>
    public async Task<ProviderResult> FetchResultAsync(string taskId, CancellationToken cancellationToken)
    {
        var task = FalTask.TryParse(taskId, fal.QueueUrl) ?? throw new InvalidOperationException($"'{taskId}' is no fal task.");
        var output = await fal.DownloadOutputAsync(task, FalErrorMessages.ImageNotRetrieved, cancellationToken);
        var image = ImageSniffer.Sniff(output.Content)
            ?? throw new IOException($"{FalErrorMessages.ImageNotRetrieved}: the model's output is not a JPEG, PNG or WebP image");
        return new ProviderResult(new MemoryStream(output.Content, writable: false), "." + image.Extension);
    }

    public Task CancelAsync(string taskId, CancellationToken cancellationToken) =>
        FalTask.TryParse(taskId, fal.QueueUrl) is { } task ? fal.CancelAsync(task, cancellationToken) : Task.CompletedTask;

    private async Task<Uri> UploadImageAsync(string path, string name, CancellationToken cancellationToken)
    {
        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        var image = ImageSniffer.Sniff(content) ?? throw new ArgumentException($"The {name} is not a JPEG, PNG or WebP image.");
        return await fal.UploadAsync(content, image.ContentType, $"{name}.{image.Extension}", cancellationToken);
    }
}
