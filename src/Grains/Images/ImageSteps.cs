namespace AiStudio.Images;

/// <summary>The seed's step table: the name, percentage and label of each step, for enhancement and for inpainting.</summary>
public static class ImageSteps
{
    public static string NameOf(ImageStep step) => step.ToString().ToLowerInvariant();

    public static int ProgressOf(ImageStep step) => step switch
    {
        ImageStep.Fetching => 10,
        ImageStep.Uploading or ImageStep.Preparing => 25,
        ImageStep.Processing => 50,
        ImageStep.Saving => 80,
        ImageStep.Completed => 100,
        _ => 0,
    };

    public static string LabelOf(ImageStep step, ImageOperation operation) => (step, operation) switch
    {
        (ImageStep.Fetching, ImageOperation.Enhance) => "Loading image record",
        (ImageStep.Fetching, ImageOperation.Inpaint) => "Loading source image record",
        (ImageStep.Uploading, _) => "Preparing image for AI processing",
        (ImageStep.Preparing, _) => "Processing and resizing mask to match image dimensions",
        (ImageStep.Processing, ImageOperation.Enhance) => "AI model is enhancing the image",
        (ImageStep.Processing, ImageOperation.Inpaint) => "AI inpainting in progress",
        (ImageStep.Saving, ImageOperation.Enhance) => "Downloading and storing result",
        (ImageStep.Saving, ImageOperation.Inpaint) => "Creating new version and storing result",
        (ImageStep.Completed, ImageOperation.Enhance) => "Processing finished successfully",
        (ImageStep.Completed, ImageOperation.Inpaint) => "Edit completed successfully",
        _ => "Processing failed",
    };
}
