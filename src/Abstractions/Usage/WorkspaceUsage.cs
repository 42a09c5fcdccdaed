namespace AiStudio.Usage;

/// <summary>One workspace's month in cents; <see cref="BudgetCents"/> is null when the workspace has no cap.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkspaceUsage(
    [property: Id(0)] DateTimeOffset PeriodStart,
    [property: Id(1)] long SpentCents,
    [property: Id(2)] long CommittedCents,
    [property: Id(3)] long? BudgetCents);
