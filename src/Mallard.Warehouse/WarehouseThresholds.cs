namespace Mallard.Warehouse;

/// <summary>
/// The business rules of the gold layer that a team tunes: segment, recency, value-tier and risk thresholds.
/// The defaults are the rules of the customer-enrichment model (VIP: 10 orders and 5,000 spent; Loyal: 5 and
/// 2,000; Regular: 2 orders).
/// </summary>
public sealed record WarehouseThresholds
{
    /// <summary>Completed orders a VIP needs (with <see cref="VipMinSpent"/>).</summary>
    public int VipMinOrders { get; init; } = 10;

    /// <summary>Lifetime value a VIP needs (with <see cref="VipMinOrders"/>).</summary>
    public decimal VipMinSpent { get; init; } = 5000m;

    public int LoyalMinOrders { get; init; } = 5;

    public decimal LoyalMinSpent { get; init; } = 2000m;

    /// <summary>Completed orders that make a Regular; one completed order makes a New customer.</summary>
    public int RegularMinOrders { get; init; } = 2;

    /// <summary>Days since the last order up to which a customer is Active.</summary>
    public int RecencyActiveDays { get; init; } = 30;

    /// <summary>Days since the last order up to which a customer is Cooling (after Active).</summary>
    public int RecencyCoolingDays { get; init; } = 90;

    /// <summary>Days since the last order up to which a customer is At Risk (after Cooling); beyond it, Dormant.</summary>
    public int RecencyAtRiskDays { get; init; } = 180;

    /// <summary>Lifetime-value percentile rank (0 to 1) from which a customer is in the High value tier.</summary>
    public double ValueHighPercentile { get; init; } = 0.8;

    /// <summary>Lifetime-value percentile rank (0 to 1) from which a customer is in the Medium value tier.</summary>
    public double ValueMediumPercentile { get; init; } = 0.5;

    /// <summary>Late payments that, with <see cref="RiskLatePaymentRate"/>, raise the late-payment flag.</summary>
    public int RiskMinLatePayments { get; init; } = 2;

    /// <summary>Share of settled payments paid late (0 to 1) that, with <see cref="RiskMinLatePayments"/>, raises the late-payment flag.</summary>
    public double RiskLatePaymentRate { get; init; } = 0.3;

    /// <summary>Failed payments that raise the failed-payment flag.</summary>
    public int RiskMinFailedPayments { get; init; } = 2;

    /// <summary>Support tickets that raise the support flag.</summary>
    public int RiskMinTickets { get; init; } = 3;

    /// <summary>Average satisfaction score (1 to 5) at or below which the dissatisfaction flag is raised.</summary>
    public double RiskMaxSatisfaction { get; init; } = 2.0;

    /// <summary>Throws <see cref="ArgumentException"/> when a threshold makes no sense.</summary>
    public void Validate()
    {
        if (VipMinOrders < 1 || LoyalMinOrders < 1 || RegularMinOrders < 1)
            throw new ArgumentException("Segment order thresholds must be at least 1.");
        if (VipMinSpent < 0 || LoyalMinSpent < 0)
            throw new ArgumentException("Segment spend thresholds must not be negative.");
        if (!(RecencyActiveDays >= 0 && RecencyActiveDays <= RecencyCoolingDays && RecencyCoolingDays <= RecencyAtRiskDays))
            throw new ArgumentException("Recency thresholds must satisfy 0 <= active <= cooling <= at-risk days.");
        if (!(ValueMediumPercentile >= 0 && ValueMediumPercentile <= ValueHighPercentile && ValueHighPercentile <= 1))
            throw new ArgumentException("Value-tier percentiles must satisfy 0 <= medium <= high <= 1.");
        if (RiskMinLatePayments < 0 || RiskMinFailedPayments < 0 || RiskMinTickets < 0 || RiskLatePaymentRate is < 0 or > 1)
            throw new ArgumentException("Risk thresholds must not be negative, and the late-payment rate is between 0 and 1.");
    }
}
