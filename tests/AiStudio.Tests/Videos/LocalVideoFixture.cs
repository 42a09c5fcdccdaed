using System.Diagnostics;
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
        var file = Path.Combine(Directory.CreateTempSubdirectory("aistudio-test-").FullName, Path.GetFileName(key));
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var argument in new[] { "-hide_banner", "-loglevel", "error", "-y" }.Concat(arguments).Append(file))
        {
            start.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(start)!)
        {
            var errors = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(limit.Token);
            Assert.True(process.ExitCode == 0, "FFmpeg could not render a test input: " + await errors);
        }

        await Blobs.PutFileAsync(key, file);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        return key;
    }
}
