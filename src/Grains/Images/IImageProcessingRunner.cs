namespace AiStudio.Images;

/// <summary>Runs image processing outside grain turns; the grain decides when, the runner does the slow work and reports back.</summary>
public interface IImageProcessingRunner
{
    /// <summary>Starts a run for the image in the background and returns at once.</summary>
    void Start(string imageId);
}
