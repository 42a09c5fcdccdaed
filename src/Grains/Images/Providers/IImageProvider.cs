using AiStudio.Providers;

namespace AiStudio.Images.Providers;

/// <summary>An image model behind a remote asynchronous job API: enhance a whole image, or inpaint the white region of a mask.</summary>
public interface IImageProvider : IAsyncJobProvider<ImageJobRequest>
{
    /// <summary>The model a job of <paramref name="kind"/> runs on, recorded in an image's <c>metadata.model</c>.</summary>
    string ModelFor(ImageJobKind kind);
}
