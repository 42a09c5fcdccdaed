using AiStudio.Media;
using AiStudio.Net;
using AiStudio.Problems;
using AiStudio.Requests;
using Microsoft.Extensions.Options;

namespace AiStudio.Images;

/// <summary>
/// Reads and checks incoming images before anything is stored: present, not empty, within the size limit, a JPEG,
/// PNG or WebP by its bytes (never by name), and within the pixel limit read from its headers.
/// </summary>
public sealed class ImageIntake(IOptions<ImagesOptions> options, SafeHttpFetcher fetcher)
{
    public const string FileField = "file";
    public const string PromptField = "prompt";
    public const string ImageUrlField = "imageUrl";
    public const string MaskField = "maskDataUrl";

    private readonly ImagesOptions _limits = options.Value;

    public long MaxJsonBodyBytes => _limits.MaxJsonBodyBytes;

    /// <summary>A multipart upload: <c>file</c> and <c>prompt</c>.</summary>
    public async Task<AcceptedImage> ReadUploadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = await FormReader.ReadAsync(request, cancellationToken);
        var errors = new FieldErrors();
        var prompt = CheckPrompt(form[PromptField].Count > 1 ? null : (string?)form[PromptField], errors);
        var file = form.Files.GetFile(FileField);
        if (file is null)
        {
            errors.Add(FileField, "file is required: a JPEG, PNG or WebP image.");
        }
        else if (file.Length > _limits.MaxUploadBytes)
        {
            throw ApiProblemException.TooLarge(FileField, $"The file is larger than {_limits.MaxUploadBytes} bytes.");
        }

        errors.ThrowIfAny();
        var content = new byte[file!.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        return new AcceptedImage(content, CheckImage(FileField, content), prompt);
    }

    /// <summary>A JSON upload: <c>imageUrl</c> fetched through the SSRF guard, and <c>prompt</c>.</summary>
    public async Task<AcceptedImage> ReadFromUrlAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonRequestReader.ReadAsync<ImageFromUrlRequest>(request, 64 * 1024, cancellationToken);
        var errors = new FieldErrors();
        var prompt = CheckPrompt(body.Prompt, errors);
        Uri? url = null;
        if (string.IsNullOrWhiteSpace(body.ImageUrl))
        {
            errors.Add(ImageUrlField, "imageUrl is required.");
        }
        else if (!Uri.TryCreate(body.ImageUrl.Trim(), UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(ImageUrlField, "imageUrl must be an absolute http or https URL.");
        }

        errors.ThrowIfAny();
        byte[] content;
        try
        {
            content = (await fetcher.FetchAsync(url!, _limits.MaxUploadBytes, cancellationToken)).Content;
        }
        catch (FetchRefusedException e)
        {
            throw ApiProblemException.InvalidField(ImageUrlField, $"The image URL cannot be fetched: {e.Message}");
        }
        catch (FetchFailedException e)
        {
            throw ApiProblemException.InvalidField(ImageUrlField, $"The image could not be fetched: {e.Message}");
        }

        return new AcceptedImage(content, CheckImage(ImageUrlField, content), prompt);
    }

    /// <summary>Fetches <paramref name="imageUrl"/> through the SSRF guard and checks it like an upload; errors name <paramref name="field"/>.</summary>
    public async Task<(byte[] Content, ImageFormatInfo Format)> FetchImageAsync(string field, Uri imageUrl, CancellationToken cancellationToken)
    {
        byte[] content;
        try
        {
            content = (await fetcher.FetchAsync(imageUrl, _limits.MaxUploadBytes, cancellationToken)).Content;
        }
        catch (FetchRefusedException e)
        {
            throw ApiProblemException.InvalidField(field, $"The image URL cannot be fetched: {e.Message}");
        }
        catch (FetchFailedException e)
        {
            throw ApiProblemException.InvalidField(field, $"The image could not be fetched: {e.Message}");
        }

        return (content, CheckImage(field, content));
    }

    /// <summary>The trimmed prompt; an error is recorded when it is missing or too long.</summary>
    public string CheckPrompt(string? prompt, FieldErrors errors)
    {
        var trimmed = prompt?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            errors.Add(PromptField, "prompt is required.");
        }
        else if (trimmed.Length > _limits.MaxPromptLength)
        {
            errors.Add(PromptField, $"prompt must be at most {_limits.MaxPromptLength} characters.");
        }

        return trimmed;
    }

    /// <summary>Decodes and checks an edit's mask; an error is recorded when it is not a PNG data URL of acceptable size.</summary>
    public byte[]? CheckMask(string maskDataUrl, FieldErrors errors)
    {
        if (!MaskDataUrl.TryDecode(maskDataUrl, out var mask))
        {
            errors.Add(MaskField, MaskDataUrl.FormatError);
            return null;
        }

        if (mask.Length > _limits.MaxUploadBytes)
        {
            errors.Add(MaskField, $"The mask is larger than {_limits.MaxUploadBytes} bytes.");
            return null;
        }

        var format = ImageSniffer.SniffPng(mask);
        if (format is null)
        {
            errors.Add(MaskField, "The mask must be a PNG image.");
            return null;
        }

        if (format.PixelCount > _limits.MaxPixels)
        {
            errors.Add(MaskField, $"The mask has {format.PixelCount} pixels; the limit is {_limits.MaxPixels}.");
            return null;
        }

        return mask;
    }

    private ImageFormatInfo CheckImage(string field, byte[] content)
    {
        if (content.Length == 0)
        {
            throw ApiProblemException.InvalidField(field, "The image is empty.");
        }

        if (content.Length > _limits.MaxUploadBytes)
        {
            throw ApiProblemException.TooLarge(field, $"The image is larger than {_limits.MaxUploadBytes} bytes.");
        }

        var format = ImageSniffer.Sniff(content)
            ?? throw ApiProblemException.InvalidField(field, "The content is not a JPEG, PNG or WebP image.");
        if (format.Width <= 0 || format.Height <= 0 || format.PixelCount > _limits.MaxPixels)
        {
            throw ApiProblemException.InvalidField(field,
                $"The image is {format.Width}x{format.Height} ({format.PixelCount} pixels); the limit is {_limits.MaxPixels} pixels.");
        }

        return format;
    }
}
