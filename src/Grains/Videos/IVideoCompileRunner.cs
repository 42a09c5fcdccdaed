using AiStudio.Media.Video;

namespace AiStudio.Videos;

/// <summary>Compiles a project's segments outside grain turns, publishes the result, reports back; prepares soundtracks ahead.</summary>
public interface IVideoCompileRunner
{
    /// <summary>Starts a compile run for the project in the background and returns at once.</summary>
    void Start(string videoProjectId);

    /// <summary>Renders the project's soundtrack in the background while its clips generate, so that compiling only muxes it.</summary>
    void PrepareSoundtrack(string videoProjectId);

    /// <summary>Deletes a prepared soundtrack that is no longer needed (its video is compiled, or its project deleted), in the background.</summary>
    void Discard(PreparedSoundtrack soundtrack);
}
