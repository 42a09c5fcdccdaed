namespace AiStudio.Images;

/// <summary>The inpaint modes of the seed's <c>metadata.editMode</c>.</summary>
public static class ImageEditModes
{
    public const string Remove = "remove";
    public const string Add = "add";

    public static bool IsKnown(string? mode) => mode is Remove or Add;
}
