namespace AiStudio.Videos;

/// <summary>Compiles a project's segments outside grain turns, publishes the result, reports back.</summary>
public interface IVideoCompileRunner
{
    /// <summary>Starts a compile run for the project in the background and returns at once.</summary>
    void Start(string videoProjectId);
}
