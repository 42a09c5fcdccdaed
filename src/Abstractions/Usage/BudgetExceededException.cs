namespace AiStudio.Usage;

/// <summary>Starting the work would take the workspace past its monthly cap (HTTP 402 at the API); nothing was started.</summary>
[GenerateSerializer, Alias("AiStudio.BudgetExceededException")]
public sealed class BudgetExceededException : Exception
{
    public BudgetExceededException(long budgetCents, int estimateCents, long usedCents)
        : base($"The workspace's monthly budget is {budgetCents} cents; {usedCents} are spent or committed and this work is estimated at {estimateCents} cents.")
    {
        BudgetCents = budgetCents;
        EstimateCents = estimateCents;
    }

    [Id(0)]
    public long BudgetCents { get; }

    [Id(1)]
    public int EstimateCents { get; }
}
