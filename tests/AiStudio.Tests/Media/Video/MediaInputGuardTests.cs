using AiStudio.Media.Video;

namespace AiStudio.Tests.Media.Video;

public sealed class MediaInputGuardTests
{
    private const string Root = "/srv/media";

    [Theory]
    [InlineData("relative/clip.mp4")]
    [InlineData("/srv/media")]
    [InlineData("/srv/mediaX/clip.mp4")]
    [InlineData("/etc/passwd")]
    [InlineData("/srv/media/../etc/passwd")]
    [InlineData("/srv/media/./clip.mp4")]
    [InlineData("/srv/media//clip.mp4")]
    [InlineData("/srv/media/it's.mp4")]
    [InlineData("/srv/media/a\"b.mp4")]
    [InlineData("/srv/media/a\\b.mp4")]
    [InlineData("/srv/media/clip.mp4\nfile '/etc/passwd'")]
    [InlineData("/srv/media/clip.mp4\r")]
    [InlineData("")]
    public void Paths_that_could_escape_the_media_root_or_a_concat_list_are_refused(string path)
    {
        Assert.False(MediaPathGuard.IsSafe(path, Root));
    }

    [Fact]
    public void Plain_absolute_path_under_the_media_root_is_accepted()
    {
        Assert.True(MediaPathGuard.IsSafe("/srv/media/ws/w1/videos/vid_1/clips/clip_1.mp4", Root));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0, 0, 0, 0, 0, 0 }, "jpeg_pipe")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0 }, "png_pipe")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50 }, "webp_pipe")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45 }, null)]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 0, 0, 0, 0, 0 }, null)]
    [InlineData(new byte[] { 0x3C, 0x73, 0x76, 0x67, 0x20, 0x78, 0x6D, 0x6C, 0, 0, 0, 0 }, null)]
    public void Image_type_comes_from_the_leading_bytes(byte[] header, string? demuxer)
    {
        Assert.Equal(demuxer, MediaSniffer.ImageDemuxer(header));
    }

    [Theory]
    [InlineData(new byte[] { 0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 0, 0 }, "mp3")]
    [InlineData(new byte[] { 0xFF, 0xFB, 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0 }, "mp3")]
    [InlineData(new byte[] { 0xFF, 0xF1, 0x50, 0x80, 0, 0, 0, 0, 0, 0, 0, 0 }, "aac")]
    [InlineData(new byte[] { 0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x4D, 0x34, 0x41, 0x20 }, "mov")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45 }, "wav")]
    [InlineData(new byte[] { 0x66, 0x4C, 0x61, 0x43, 0, 0, 0, 0x22, 0, 0, 0, 0 }, "flac")]
    [InlineData(new byte[] { 0x4F, 0x67, 0x67, 0x53, 0, 2, 0, 0, 0, 0, 0, 0 }, "ogg")]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E, 0, 0, 0, 0, 0, 0 }, null)]
    public void Music_type_comes_from_the_leading_bytes(byte[] header, string? demuxer)
    {
        Assert.Equal(demuxer, MediaSniffer.AudioDemuxer(header));
    }
}
