using AiStudio.Storage;

namespace AiStudio.Tests.Storage;

/// <summary>Stored media is found again only if every key keeps the shape it was written with.</summary>
public sealed class BlobKeysTests
{
    [Fact]
    public void Image_keys_keep_their_stored_shape()
    {
        Assert.Equal("ws/ws_1/images/img_a/original.webp", BlobKeys.ImageOriginal("ws_1", "img_a", "webp"));
        Assert.Equal("ws/ws_1/images/img_a/mask.png", BlobKeys.ImageMask("ws_1", "img_a"));
        Assert.Equal("ws/ws_1/images/img_a/result.jpg", BlobKeys.ImageResult("ws_1", "img_a", "/srv/media/.provider/images/t1/RESULT.JPG"));
    }

    [Fact]
    public void Video_keys_keep_their_stored_shape()
    {
        Assert.Equal("ws/ws_1/videos/vid_a", BlobKeys.VideoProjectFolder("ws_1", "vid_a"));
        Assert.Equal("ws/ws_1/videos/vid_a/sources/2.png", BlobKeys.VideoSourceImage("ws_1", "vid_a", 2, "png"));
        Assert.Equal("ws/ws_1/videos/vid_a/music.mp3", BlobKeys.Music("ws_1", "vid_a", "mp3"));
        Assert.Equal("ws/ws_1/videos/vid_a/clips/clip_b.mp4", BlobKeys.Clip("ws_1", "vid_a", "clip_b"));
        Assert.Equal("ws/ws_1/videos/vid_a/final.mp4", BlobKeys.FinalVideo("ws_1", "vid_a"));
        Assert.Equal("ws/ws_1/videos/vid_a/thumbnail.jpg", BlobKeys.Thumbnail("ws_1", "vid_a"));
    }

    [Fact]
    public void Every_key_it_builds_is_a_valid_key()
    {
        Assert.All(
            [BlobKeys.ImageOriginal("ws_1", "img_a", "jpg"), BlobKeys.ImageResult("ws_1", "img_a", "result"), BlobKeys.Music("ws_1", "vid_a", "wav")],
            key => Assert.True(BlobKeys.IsValid(key), key));
    }
}
