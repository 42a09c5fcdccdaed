namespace AiStudio.Images;

public sealed record EditImageRequest(string? Prompt, string? EditMode, string? MaskDataUrl);
