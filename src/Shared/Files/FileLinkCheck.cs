namespace AiStudio.Files;

public enum FileLinkCheck
{
    Valid,
    Tampered,
    Expired,
}
