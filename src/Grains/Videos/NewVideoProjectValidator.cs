using AiStudio.Common;
using AiStudio.Storage;

namespace AiStudio.Videos;

/// <summary>Checks a request again by <see cref="VideoRequestRules"/> where it is accepted, since the API is not the grain's only caller.</summary>
public static class NewVideoProjectValidator
{
    public static void Validate(NewVideoProject request)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw new RequestRejectedException("name", VideoRequestRules.NameRequiredRule);
        }

        if (request.Name.Length > VideoRequestRules.MaxNameLength)
        {
            throw new RequestRejectedException("name", VideoRequestRules.NameLengthRule);
        }

        if (request.Clips.Count > VideoRequestRules.MaxClips)
        {
            throw new RequestRejectedException("clips", VideoRequestRules.ClipCountRule);
        }

        if (!VideoAspectRatios.IsSupported(request.AspectRatio))
        {
            throw new RequestRejectedException("aspectRatio", VideoRequestRules.AspectRatioRule);
        }

        for (var i = 0; i < request.Clips.Count; i++)
        {
            var clip = request.Clips[i];
            if (!VideoRequestRules.IsClipDuration(clip.DurationSeconds))
            {
                throw new RequestRejectedException($"clips[{i}].durationSeconds", VideoRequestRules.ClipDurationRule);
            }

            if (!BlobKeys.IsValid(clip.SourceImageKey))
            {
                throw new RequestRejectedException($"clips[{i}]", "The clip has no stored source image");
            }
        }

        if (request.BackgroundMusic is { } music && !(VideoRequestRules.IsMusicVolume(music.Volume) && BlobKeys.IsValid(music.MusicKey)))
        {
            throw new RequestRejectedException("backgroundMusic", "backgroundMusic needs stored music and a volume from 0 to 1");
        }
    }
}
