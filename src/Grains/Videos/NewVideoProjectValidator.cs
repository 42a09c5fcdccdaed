using AiStudio.Common;
using AiStudio.Storage;

namespace AiStudio.Videos;

/// <summary>Checks a request again where it is accepted, since the API is not the grain's only caller.</summary>
public static class NewVideoProjectValidator
{
    public static void Validate(NewVideoProject request)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw new RequestRejectedException("name", "name is required");
        }

        if (!VideoAspectRatios.IsSupported(request.AspectRatio))
        {
            throw new RequestRejectedException("aspectRatio", $"aspectRatio must be one of {string.Join(", ", VideoAspectRatios.All)}");
        }

        for (var i = 0; i < request.Clips.Count; i++)
        {
            var clip = request.Clips[i];
            if (clip.DurationSeconds is not (5 or 10))
            {
                throw new RequestRejectedException($"clips[{i}].durationSeconds", "durationSeconds must be 5 or 10");
            }

            if (!BlobKeys.IsValid(clip.SourceImageKey))
            {
                throw new RequestRejectedException($"clips[{i}]", "The clip has no stored source image");
            }
        }

        if (request.BackgroundMusic is { } music && (music.Volume is < 0 or > 1 || double.IsNaN(music.Volume) || !BlobKeys.IsValid(music.MusicKey)))
        {
            throw new RequestRejectedException("backgroundMusic", "backgroundMusic needs stored music and a volume from 0 to 1");
        }
    }
}
