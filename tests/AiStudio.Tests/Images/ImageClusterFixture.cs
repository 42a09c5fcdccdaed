using AiStudio.Common;
using AiStudio.Images;
using AiStudio.Projects;
using AiStudio.Storage;
using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Images;

/// <summary>A cluster with the real local FFmpeg provider, and helpers to put images into a project the way the API does.</summary>
public class ImageClusterFixture : AiStudioClusterFixture
{
    public const string Workspace = "ws_images";
    public const string User = "user_images";

    private readonly SemaphoreSlim _sampleLock = new(1, 1);
    private string? _samplePath;

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["Media:MaxConcurrentJobs"] = "2";
        settings["Images:ProviderPollInterval"] = "00:00:00.050";
    }

    public async Task<Project> CreateProjectAsync(string name = "Test project") =>
        await Client.GetGrain<IProjectGrain>(EntityIds.NewProjectId()).CreateAsync(Workspace, name);

    /// <summary>Stores a real JPEG as the original of a new image and creates the image in the project.</summary>
    public async Task<ImageGeneration> AddImageAsync(string projectId, string prompt = "brighter and sharper")
    {
        var imageId = EntityIds.NewImageId();
        var key = $"{BlobKeys.ImageFolder(Workspace, imageId)}/original.jpg";
        await Blobs.PutFileAsync(key, await SampleJpegAsync());
        return await Client.GetGrain<IImageGenerationGrain>(imageId).CreateAsync(new NewImage(Workspace, User, projectId, key, prompt));
    }

    /// <summary>Creates an image whose stored original is not an image at all, so its processing fails.</summary>
    public async Task<ImageGeneration> AddUnprocessableImageAsync(string projectId)
    {
        var imageId = EntityIds.NewImageId();
        var key = $"{BlobKeys.ImageFolder(Workspace, imageId)}/original.jpg";
        await Blobs.PutAsync(key, new MemoryStream("not an image at all"u8.ToArray()));
        return await Client.GetGrain<IImageGenerationGrain>(imageId).CreateAsync(new NewImage(Workspace, User, projectId, key, "anything"));
    }

    public Task<ImageGeneration> WaitForStatusAsync(string imageId, params ImageStatus[] statuses) =>
        WaitUntil.ValueAsync(
            async () => (await Client.GetGrain<IImageGenerationGrain>(imageId).GetAsync())!,
            image => statuses.Contains(image.Status),
            $"image {imageId} is {string.Join(" or ", statuses)}");

    public async Task<string> SampleJpegAsync()
    {
        await _sampleLock.WaitAsync();
        try
        {
            if (_samplePath is null)
            {
                var path = Path.Combine(StorageRoot, "sample.jpg");
                await TestFfmpeg.RenderAsync("testsrc2=s=160x120", path, "-c:v", "mjpeg", "-f", "image2");
                _samplePath = path;
            }

            return _samplePath;
        }
        finally
        {
            _sampleLock.Release();
        }
    }
}
