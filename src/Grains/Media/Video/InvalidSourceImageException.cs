namespace AiStudio.Media.Video;

/// <summary>The source image of a clip is not JPEG, PNG or WebP, or FFmpeg cannot decode it.</summary>
public sealed class InvalidSourceImageException(string message, Exception? innerException = null) : Exception(message, innerException);
