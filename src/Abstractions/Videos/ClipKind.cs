namespace AiStudio.Videos;

[GenerateSerializer]
public enum ClipKind
{
    Clip,
    Transition,
}
