namespace AiStudio.Usage;

/// <summary>The caller's workspace in the current calendar month (UTC), in cents; <see cref="BudgetCents"/> is null without a cap.</summary>
public sealed record UsageResponse(DateTime PeriodStart, long SpentCents, long CommittedCents, long? BudgetCents);
