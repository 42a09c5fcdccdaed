using AiStudio.Media;

namespace AiStudio.Images;

/// <summary>An image that passed every check, with what its bytes say it is.</summary>
public sealed record AcceptedImage(byte[] Content, ImageFormatInfo Format, string Prompt);
