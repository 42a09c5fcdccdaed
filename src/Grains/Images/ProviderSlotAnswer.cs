namespace AiStudio.Images;

/// <summary>What an image answers its run that asks for one of its provider's cluster-wide slots.</summary>
[GenerateSerializer]
public enum ProviderSlotAnswer
{
    /// <summary>The image holds a slot: the run may submit (or go on waiting on the task it resumed).</summary>
    Held,

    /// <summary>Every slot is taken and the image waits in line; the run asks again when woken or after a while.</summary>
    InLine,

    /// <summary>The run was replaced or the image finished: the run stops.</summary>
    RunEnded,
}
