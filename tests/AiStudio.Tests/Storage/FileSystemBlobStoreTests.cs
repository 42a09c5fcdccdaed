using AiStudio.Storage;
using AiStudio.Tests.Infrastructure;

namespace AiStudio.Tests.Storage;

public sealed class FileSystemBlobStoreTests
{
    [Fact]
    public async Task Deleting_a_folder_that_holds_no_files_does_nothing()
    {
        using var root = new TemporaryDirectory();
        var blobs = new FileSystemBlobStore(root.Path);

        await blobs.DeletePrefixAsync(BlobKeys.VideoProjectFolder("ws_1", "vid_never_stored"));

        Assert.Empty(Directory.EnumerateFileSystemEntries(root.Path));
    }

    [Fact]
    public async Task Deleting_a_folder_removes_everything_below_it_and_nothing_beside_it()
    {
        using var root = new TemporaryDirectory();
        var blobs = new FileSystemBlobStore(root.Path);
        await blobs.PutAsync(BlobKeys.Clip("ws_1", "vid_a", "clip_1"), new MemoryStream([1, 2, 3]));
        await blobs.PutAsync(BlobKeys.Clip("ws_1", "vid_b", "clip_2"), new MemoryStream([4]));

        await blobs.DeletePrefixAsync(BlobKeys.VideoProjectFolder("ws_1", "vid_a"));

        Assert.False(await blobs.ExistsAsync(BlobKeys.Clip("ws_1", "vid_a", "clip_1")));
        Assert.True(await blobs.ExistsAsync(BlobKeys.Clip("ws_1", "vid_b", "clip_2")));
    }
}
