using System.Numerics;
using Mallard.Warehouse;

namespace Mallard.Tests.Recomputation;

/// <summary>The gold tables recomputed in C# from the recomputed silver layer, following DATA_DICTIONARY.md.</summary>
internal sealed record Gold(
    IReadOnlyList<CustomerAnalyticsRow> CustomerAnalytics,
    IReadOnlyList<CustomerRiskRow> CustomerRisk,
    IReadOnlyList<RevenueSummaryRow> RevenueSummary,
    IReadOnlyList<CohortRetentionRow> CohortRetention)
{
    public static Gold From(Silver silver, DateOnly asOf, WarehouseThresholds thresholds)
    {
        var ordersOf = silver.Orders.ToLookup(o => o.CustomerId);
        var paymentsOf = silver.Payments.ToLookup(p => p.CustomerId);
        var ticketsOf = silver.Tickets.ToLookup(t => t.CustomerId);
        var customers = silver.Customers.OrderBy(c => c.CustomerId).ToList();

        var purchases = customers.ToDictionary(c => c.CustomerId, c => Purchases.Of(ordersOf[c.CustomerId]));
        var risk = customers
            .Select(c => Risk(c.CustomerId, purchases[c.CustomerId], paymentsOf[c.CustomerId], ticketsOf[c.CustomerId], asOf, thresholds))
            .ToList();
        var riskOf = risk.ToDictionary(r => r.CustomerId);
        var percentile = PercentRanks(customers.Select(c => purchases[c.CustomerId].TotalSpent).ToList());
        var analytics = customers
            .Select((c, i) => Analytics(c, purchases[c.CustomerId], riskOf[c.CustomerId], percentile[i], asOf, thresholds))
            .ToList();
        var firstOrderMonth = purchases
            .Where(p => p.Value.FirstOrderDate is not null)
            .ToDictionary(p => p.Key, p => MonthOf(p.Value.FirstOrderDate!.Value));
        return new Gold(
            analytics,
            risk,
            Revenue(silver.Orders, firstOrderMonth, asOf),
            Cohorts(customers, firstOrderMonth, silver.Orders, asOf));
    }

    private static CustomerRiskRow Risk(
        long customerId, Purchases purchases, IEnumerable<SilverPayment> payments, IEnumerable<SilverTicket> tickets,
        DateOnly asOf, WarehouseThresholds t)
    {
        var paymentList = payments.ToList();
        var late = paymentList.Count(p => p.Status == "late");
        var failed = paymentList.Count(p => p.Status == "failed");
        var pending = paymentList.Count(p => p.Status == "pending");
        var settled = paymentList.Count - pending;
        double? lateRate = settled > 0 ? (double)late / settled : null;
        var daysLate = paymentList.Where(p => p.Status == "late" && p.DaysLate is not null).Select(p => p.DaysLate!.Value).ToList();
        var ticketList = tickets.ToList();
        var scores = ticketList.Where(x => x.SatisfactionScore is not null).Select(x => x.SatisfactionScore!.Value).ToList();
        double? satisfaction = scores.Count > 0 ? (double)scores.Sum() / scores.Count : null;
        var daysSince = DaysSince(purchases.LastOrderDate, asOf);

        var latePaymentFlag = late >= t.RiskMinLatePayments && (lateRate ?? 0) >= t.RiskLatePaymentRate;
        var failedPaymentFlag = failed >= t.RiskMinFailedPayments;
        var supportFlag = ticketList.Count >= t.RiskMinTickets;
        var dissatisfactionFlag = satisfaction <= t.RiskMaxSatisfaction;
        var lapsingFlag = daysSince > t.RecencyCoolingDays && daysSince <= t.RecencyAtRiskDays;
        var score = new[] { latePaymentFlag, failedPaymentFlag, supportFlag, dissatisfactionFlag, lapsingFlag }.Count(f => f);
        return new CustomerRiskRow(
            customerId,
            purchases.TotalOrders,
            daysSince,
            paymentList.Count,
            late,
            failed,
            pending,
            lateRate,
            daysLate.Count > 0 ? (double)daysLate.Sum() / daysLate.Count : null,
            ticketList.Count,
            ticketList.Count(x => !x.IsResolved),
            ticketList.Count(x => x.Priority is "high" or "urgent"),
            satisfaction,
            latePaymentFlag,
            failedPaymentFlag,
            supportFlag,
            dissatisfactionFlag,
            lapsingFlag,
            score,
            RiskLevel(score));
    }

    private static CustomerAnalyticsRow Analytics(
        SilverCustomer c, Purchases p, CustomerRiskRow risk, double valuePercentile, DateOnly asOf, WarehouseThresholds t)
    {
        var age = Age(c.BirthDate, asOf);
        var daysSince = DaysSince(p.LastOrderDate, asOf);
        return new CustomerAnalyticsRow(
            c.CustomerId,
            c.FullName,
            c.FirstName,
            c.LastName,
            c.Email,
            c.CountryCode,
            c.CountryName,
            c.Region,
            c.City,
            c.BirthDate,
            age,
            age switch
            {
                null => "Unknown",
                < 25 => "18-24",
                < 35 => "25-34",
                < 45 => "35-44",
                < 55 => "45-54",
                < 65 => "55-64",
                _ => "65+",
            },
            c.Gender,
            c.AcquisitionSource,
            c.SignupDate,
            MonthOf(c.SignupDate),
            p.FirstOrderDate,
            p.LastOrderDate,
            p.TotalOrders,
            p.TotalItems,
            p.TotalSpent,
            p.TotalOrders > 0 ? CentsOfRatio(p.TotalSpent, p.TotalOrders) : null,
            daysSince,
            p.OrdersPlaced,
            p.CancelledOrders,
            p.ReturnedOrders,
            p.TotalOrders switch
            {
                0 => "Prospect",
                var n when n >= t.VipMinOrders && p.TotalSpent >= t.VipMinSpent => "VIP",
                var n when n >= t.LoyalMinOrders && p.TotalSpent >= t.LoyalMinSpent => "Loyal",
                var n when n >= t.RegularMinOrders => "Regular",
                _ => "New",
            },
            daysSince switch
            {
                null => "Never Ordered",
                var d when d <= t.RecencyActiveDays => "Active",
                var d when d <= t.RecencyCoolingDays => "Cooling",
                var d when d <= t.RecencyAtRiskDays => "At Risk",
                _ => "Dormant",
            },
            valuePercentile,
            valuePercentile >= t.ValueHighPercentile ? "High" : valuePercentile >= t.ValueMediumPercentile ? "Medium" : "Low",
            risk.LatePaymentRate,
            risk.SupportTickets,
            risk.RiskScore,
            risk.RiskFlag);
    }

    private static List<RevenueSummaryRow> Revenue(IReadOnlyList<SilverOrder> orders, Dictionary<long, DateOnly> firstOrderMonth, DateOnly asOf)
    {
        var rows = new List<RevenueSummaryRow>();
        if (orders.Count == 0) return rows;
        var byMonth = orders.ToLookup(o => o.OrderMonth);
        var cumulative = 0m;
        decimal? previousRevenue = null;
        var previousCustomers = new HashSet<long>();
        for (var month = orders.Min(o => o.OrderMonth); month <= MonthOf(asOf); month = month.AddMonths(1))
        {
            var completed = byMonth[month].Where(o => o.IsCompleted).ToList();
            var customers = completed.Select(o => o.CustomerId).ToHashSet();
            var isNew = completed.Where(o => firstOrderMonth[o.CustomerId] == month).ToList();
            var newCustomers = isNew.Select(o => o.CustomerId).Distinct().Count();
            var revenue = completed.Sum(o => o.Amount);
            var newRevenue = isNew.Sum(o => o.Amount);
            var retained = customers.Count(previousCustomers.Contains);
            double? retentionRate = previousCustomers.Count > 0 ? (double)retained / previousCustomers.Count : null;
            cumulative += revenue;
            rows.Add(new RevenueSummaryRow(
                month,
                completed.Count,
                customers.Count,
                newCustomers,
                customers.Count - newCustomers,
                revenue,
                newRevenue,
                revenue - newRevenue,
                completed.Count > 0 ? CentsOfRatio(revenue, completed.Count) : null,
                completed.Sum(o => o.ItemCount),
                byMonth[month].Count(o => o.Status == "cancelled"),
                byMonth[month].Count(o => o.Status == "returned"),
                cumulative,
                previousRevenue > 0 ? (double)(revenue - previousRevenue.Value) / (double)previousRevenue.Value : null,
                retained,
                customers.Count - newCustomers - retained,
                retentionRate,
                1 - retentionRate));
            previousRevenue = revenue;
            previousCustomers = customers;
        }
        return rows;
    }

    private static List<CohortRetentionRow> Cohorts(
        List<SilverCustomer> customers, Dictionary<long, DateOnly> firstOrderMonth, IReadOnlyList<SilverOrder> orders, DateOnly asOf)
    {
        var activeMonths = orders.Where(o => o.IsCompleted).GroupBy(o => o.CustomerId)
            .ToDictionary(g => g.Key, g => g.Select(o => o.OrderMonth).ToHashSet());
        var cohorts = customers.Select(c => (Basis: "signup", c.CustomerId, Month: MonthOf(c.SignupDate)))
            .Concat(firstOrderMonth.Select(f => (Basis: "first_order", CustomerId: f.Key, Month: f.Value)));
        var rows = new List<CohortRetentionRow>();
        foreach (var cohort in cohorts.GroupBy(c => (c.Basis, c.Month)).OrderBy(g => g.Key.Basis, StringComparer.Ordinal).ThenBy(g => g.Key.Month))
        {
            var members = cohort.Select(c => c.CustomerId).ToList();
            var months = MonthsBetween(cohort.Key.Month, MonthOf(asOf));
            for (var since = 0; since <= months; since++)
            {
                var activity = cohort.Key.Month.AddMonths(since);
                var active = members.Count(m => activeMonths.TryGetValue(m, out var set) && set.Contains(activity));
                rows.Add(new CohortRetentionRow(cohort.Key.Basis, cohort.Key.Month, since, activity, members.Count, active, (double)active / members.Count));
            }
        }
        return rows;
    }

    /// <summary>Each value's percent rank among all: (rank − 1) / (n − 1), where equal values share the lowest rank; 0 for one value.</summary>
    private static double[] PercentRanks(List<decimal> values)
    {
        var sorted = values.Order().ToArray();
        var ranks = new double[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            // The number of values below this one: the position of its first occurrence in sorted order.
            var below = LowerBound(sorted, values[i]);
            ranks[i] = values.Count > 1 ? (double)below / (values.Count - 1) : 0;
        }
        return ranks;
    }

    private static int LowerBound(decimal[] sorted, decimal value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle] < value) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    /// <summary><paramref name="amount"/> / <paramref name="count"/> to the cent, halves away from zero, in exact arithmetic.</summary>
    internal static decimal CentsOfRatio(decimal amount, long count)
    {
        var cents = amount * 100m;
        if (cents != decimal.Truncate(cents)) throw new InvalidOperationException($"{amount} is not a whole number of cents.");
        var whole = BigInteger.Abs(new BigInteger(cents));
        var rounded = (2 * whole + count) / (2 * (BigInteger)count);
        return (decimal)(amount < 0 ? -rounded : rounded) / 100m;
    }

    /// <summary>Whole years from <paramref name="birth"/> to <paramref name="asOf"/> (a 29 February birthday falls on 28 February in other years).</summary>
    private static int? Age(DateOnly? birth, DateOnly asOf)
    {
        if (birth is not { } b) return null;
        var years = asOf.Year - b.Year;
        return b.AddYears(years) > asOf ? years - 1 : years;
    }

    private static long? DaysSince(DateOnly? date, DateOnly asOf) => date is { } d ? asOf.DayNumber - d.DayNumber : null;

    private static string RiskLevel(int flags) => flags switch { 0 => "Low", 1 => "Medium", _ => "High" };

    private static DateOnly MonthOf(DateOnly date) => new(date.Year, date.Month, 1);

    private static int MonthsBetween(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month;

    /// <summary>A customer's orders: purchase metrics count completed orders only.</summary>
    private sealed record Purchases(
        long TotalOrders, decimal TotalSpent, DateOnly? FirstOrderDate, DateOnly? LastOrderDate, long TotalItems,
        long OrdersPlaced, long CancelledOrders, long ReturnedOrders)
    {
        public static Purchases Of(IEnumerable<SilverOrder> orders)
        {
            var all = orders.ToList();
            var completed = all.Where(o => o.IsCompleted).ToList();
            return new Purchases(
                completed.Count,
                completed.Sum(o => o.Amount),
                completed.Count > 0 ? completed.Min(o => o.OrderDate) : null,
                completed.Count > 0 ? completed.Max(o => o.OrderDate) : null,
                completed.Sum(o => o.ItemCount),
                all.Count,
                all.Count(o => o.Status == "cancelled"),
                all.Count(o => o.Status == "returned"));
        }
    }
}
