namespace AiStudio.Persistence;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the grain's state; when the write fails (database down, conflicting ETag) the activation is ended after this
    /// call, so the next one starts from what is stored instead of from changes that were never saved.
    /// </summary>
    public static async Task WriteOrDeactivateAsync<TState>(this IPersistentState<TState> state, IGrainBase grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }

    /// <inheritdoc cref="WriteOrDeactivateAsync{TState}"/>
    public static async Task ClearOrDeactivateAsync<TState>(this IPersistentState<TState> state, IGrainBase grain)
    {
        try
        {
            await state.ClearStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
