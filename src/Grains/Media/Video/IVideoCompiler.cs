namespace AiStudio.Media.Video;

/// <summary>Joins a project's clips and transitions into its final video, with its soundtrack.</summary>
public interface IVideoCompiler
{
    /// <summary>
    /// Renders a soundtrack before the clips exist (its length is known from the plan), so that compiling only muxes
    /// it. Encoding audio is most of a compile's work once the video is stream-copied.
    /// </summary>
    /// <exception cref="VideoCompilationException">FFmpeg failed.</exception>
    Task<PreparedSoundtrack> PrepareSoundtrackAsync(SoundtrackRequest request, CancellationToken cancellationToken);

    /// <summary>Compiles the video into a private directory; the caller publishes the files and disposes the result.</summary>
    /// <exception cref="VideoCompilationException">Any failure, with the message "FFmpeg compilation failed".</exception>
    Task<CompiledVideo> CompileAsync(VideoCompileRequest request, CancellationToken cancellationToken);
}
