using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Providers.Kling;

/// <summary>A media root (<c>Storage:Root</c>) holding a source picture and two one-second clips, one red and one blue.</summary>
public sealed class KlingMediaFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _root = new();

    public string StorageRoot => _root.Path;

    public string SourceImage => _root.File("source.png");

    public string RedClip => _root.File("red.mp4");

    public string BlueClip => _root.File("blue.mp4");

    /// <summary>A file that is no picture, to be offered as one.</summary>
    public string NotAnImage => _root.File("notes.png");

    public async Task InitializeAsync()
    {
        await TestFfmpeg.RenderAsync("testsrc2=size=640x360", SourceImage);
        await TestFfmpeg.RunAsync(["-f", "lavfi", "-i", "color=c=red:s=320x180:r=25:d=1", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-y", RedClip]);
        await TestFfmpeg.RunAsync(["-f", "lavfi", "-i", "color=c=blue:s=320x180:r=25:d=1", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-y", BlueClip]);
        await File.WriteAllTextAsync(NotAnImage, "these are notes, not a picture");
    }

    public Task DisposeAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }
}
