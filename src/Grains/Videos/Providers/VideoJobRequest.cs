namespace AiStudio.Videos.Providers;

/// <summary>One job for a video provider, a <see cref="ClipJobRequest"/> or a <see cref="TransitionJobRequest"/>; <see cref="JobKey"/> makes the submit idempotent.</summary>
public abstract record VideoJobRequest(string JobKey, string AspectRatio);
