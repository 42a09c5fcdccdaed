namespace AiStudio.Images;

/// <summary>The seed's progress steps of image processing and inpainting.</summary>
[GenerateSerializer]
public enum ImageStep
{
    Fetching,
    Uploading,
    Preparing,
    Processing,
    Saving,
    Completed,
    Failed,
}
