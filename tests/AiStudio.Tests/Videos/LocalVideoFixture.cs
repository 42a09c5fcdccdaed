using AiStudio.Common;
using AiStudio.Storage;
using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Videos;

/// <summary>A cluster that renders clips with the local FFmpeg provider and compiles with the real compiler, plus source images and music to feed it.</summary>
public sealed class LocalVideoFixture : AiStudioClusterFixture
{
    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["Videos:ProviderPollInterval"] = "00:00:00.200";
        settings["Api:PublicBaseUrl"] = "https://studio.example";
    }

    /// <summary>Renders a test picture with FFmpeg, stores it as an image result of <paramref name="workspaceId"/>, and returns its key.</summary>
    public Task<string> StoreSourceImageAsync(string workspaceId, string pattern) =>
        StoreRenderedAsync(BlobKeys.ImageFolder(workspaceId, EntityIds.NewImageId()) + "/result.png", "-f", "lavfi", "-i", pattern, "-frames:v", "1");

    /// <summary>Renders a tone of <paramref name="seconds"/> as WAV, stores it as a project's music, and returns its key.</summary>
    public Task<string> StoreMusicAsync(string workspaceId, string videoProjectId, int seconds) =>
        StoreRenderedAsync(
            BlobKeys.VideoProjectFolder(workspaceId, videoProjectId) + "/music.wav",
            "-f", "lavfi", "-i", $"sine=frequency=440:duration={seconds}", "-c:a", "pcm_s16le");

    private async Task<string> StoreRenderedAsync(string key, params string[] arguments)
    {
        using var scratch = new TemporaryDirectory();
        var file = scratch.File(Path.GetFileName(key));
        await TestFfmpeg.RunAsync([.. arguments, "-y", file]);
        await Blobs.PutFileAsync(key, file);
        return key;
    }
}
