namespace AiStudio.Media.Video;

/// <summary>Makes the ambient bed mixed under a video when ambient audio is on.</summary>
public interface IAmbientAudioProvider
{
    /// <summary>Writes an ambient bed of <paramref name="durationSeconds"/> into <paramref name="directory"/> and returns the path of the WAV file.</summary>
    Task<string> CreateAmbientBedAsync(double durationSeconds, string directory, CancellationToken cancellationToken);
}
