using AiStudio.Images;

namespace AiStudio.Tests.Api;

public sealed class MaskDataUrlTests
{
    [Fact]
    public void A_png_data_url_decodes_to_its_bytes()
    {
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 };

        Assert.True(MaskDataUrl.TryDecode("data:image/png;base64," + Convert.ToBase64String(bytes), out var decoded));
        Assert.Equal(bytes, decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("iVBORw0KGgo=")]
    [InlineData("data:image/png;base64,")]
    [InlineData("data:image/jpeg;base64,iVBORw0KGgo=")]
    [InlineData("data:image/png,iVBORw0KGgo=")]
    [InlineData("data:image/png;base64,***not-base64***")]
    [InlineData("data:image/png;base64,iVBORw0KGgo")]
    [InlineData("https://example.test/mask.png")]
    public void Anything_but_a_base64_png_data_url_is_malformed(string value)
    {
        Assert.False(MaskDataUrl.TryDecode(value, out _));
    }
}
