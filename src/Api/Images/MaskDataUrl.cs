namespace AiStudio.Images;

/// <summary>Parses the seed's mask format <c>data:image/png;base64,{base64data}</c>.</summary>
public static class MaskDataUrl
{
    public const string Prefix = "data:image/png;base64,";
    public const string FormatError = "Invalid mask data URL format: expected data:image/png;base64,{base64data}";

    /// <summary>The decoded bytes, or false when the value is not a PNG data URL with non-empty, valid base64.</summary>
    public static bool TryDecode(string value, out byte[] content)
    {
        content = [];
        if (!value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || value.Length == Prefix.Length)
        {
            return false;
        }

        var payload = value.AsSpan(Prefix.Length);
        var buffer = new byte[payload.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64Chars(payload, buffer, out var written) || written == 0)
        {
            return false;
        }

        content = buffer[..written];
        return true;
    }
}
