namespace AiStudio.Media.Images;

/// <summary>An image step failed; <see cref="Exception.Message"/> is the message to store on the image (the seed's wording).</summary>
public sealed class ImageProcessingException(string message, Exception? innerException = null) : Exception(message, innerException);
