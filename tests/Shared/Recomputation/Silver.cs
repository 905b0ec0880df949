using System.Globalization;

namespace Mallard.Tests.Recomputation;

/// <summary>
/// The silver layer recomputed from bronze in C#: the latest load of every record, cleaned; people merged by
/// email address; orders, payments and tickets of known customers as known on the as_of date.
/// </summary>
internal sealed record Silver(
    IReadOnlyList<SilverCustomer> Customers,
    IReadOnlyList<SilverOrder> Orders,
    IReadOnlyList<SilverPayment> Payments,
    IReadOnlyList<SilverTicket> Tickets)
{
    public static Silver From(Bronze bronze, DateOnly asOf)
    {
        var countries = bronze.Countries.ToDictionary(c => c.CountryCode, StringComparer.Ordinal);
        var spellings = CountrySpellings(bronze.Countries);

        // Records signed up after as_of are not known yet: they are dropped before people are merged, so they
        // neither make a customer nor fill a known customer's attributes, and their orders and tickets are dropped.
        var records = LatestLoads(bronze.Customers, c => c.CustomerId, c => c.IngestedAt, "customers")
            .Select(c => Clean(c, spellings))
            .Where(r => r.SignupDate <= asOf)
            .ToList();

        var customers = new List<SilverCustomer>();
        var customerOfRecord = new Dictionary<long, long>();
        var people = records
            .GroupBy(r => r.Email ?? "#" + r.SourceCustomerId.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
        foreach (var person in people)
        {
            var ordered = person.OrderBy(r => r.SignupDate).ThenBy(r => r.SourceCustomerId).ToList();
            var customer = Merge(ordered, countries);
            customers.Add(customer);
            foreach (var record in ordered) customerOfRecord.Add(record.SourceCustomerId, customer.CustomerId);
        }

        var orders = new Dictionary<long, (long CustomerId, DateOnly Date, string? Status)>();
        foreach (var order in LatestLoads(bronze.Orders, o => o.OrderId, o => o.IngestedAt, "orders"))
        {
            if (order.CustomerId is not { } source || !customerOfRecord.TryGetValue(source, out var customerId)) continue;
            if (order.OrderedAt is not { } orderedAt || DateOnly.FromDateTime(orderedAt) > asOf) continue;
            orders.Add(order.OrderId, (customerId, DateOnly.FromDateTime(orderedAt), Cleaning.OrderStatus(order.Status)));
        }

        var items = new Dictionary<long, long>();
        var amounts = new Dictionary<long, decimal>();
        foreach (var line in LatestLoads(bronze.OrderItems, i => i.OrderItemId, i => i.IngestedAt, "order_items"))
        {
            if (line.OrderId is not { } orderId || !orders.ContainsKey(orderId)) continue;
            if (line.Quantity is { } quantity) items[orderId] = items.GetValueOrDefault(orderId) + quantity;
            if (line.Quantity is { } q && line.UnitPrice is { } price)
                amounts[orderId] = amounts.GetValueOrDefault(orderId) + q * price - (line.DiscountAmount ?? 0m);
        }
        var silverOrders = orders
            .Select(o => new SilverOrder(o.Key, o.Value.CustomerId, o.Value.Date, o.Value.Status,
                items.GetValueOrDefault(o.Key), amounts.GetValueOrDefault(o.Key)))
            .ToList();

        var payments = new List<SilverPayment>();
        foreach (var payment in LatestLoads(bronze.Payments, p => p.PaymentId, p => p.IngestedAt, "payments"))
        {
            if (payment.OrderId is not { } orderId || !orders.TryGetValue(orderId, out var order)) continue;
            payments.Add(PaymentAsOf(payment, order.CustomerId, asOf));
        }

        var tickets = new List<SilverTicket>();
        foreach (var ticket in LatestLoads(bronze.SupportTickets, t => t.TicketId, t => t.IngestedAt, "support_tickets"))
        {
            if (ticket.CustomerId is not { } source || !customerOfRecord.TryGetValue(source, out var customerId)) continue;
            if (DateOnly.FromDateTime(ticket.OpenedAt) > asOf) continue;
            var resolved = ticket.ResolvedAt is { } resolvedAt && DateOnly.FromDateTime(resolvedAt) <= asOf;
            var score = resolved && ticket.SatisfactionScore is >= 1 and <= 5 ? ticket.SatisfactionScore : null;
            tickets.Add(new SilverTicket(ticket.TicketId, customerId, Cleaning.Priority(ticket.Priority), resolved, score));
        }

        return new Silver(customers, silverOrders, payments, tickets);
    }

    /// <summary>
    /// The latest load of each id (greatest <c>_ingested_at</c>). Two different loads of one id with the same latest
    /// <c>_ingested_at</c> would make the answer depend on the warehouse's tie-break (DuckDB's hash of the row),
    /// which this recomputation does not reproduce: such a tie fails instead.
    /// </summary>
    internal static List<T> LatestLoads<T>(IEnumerable<T> rows, Func<T, long> id, Func<T, DateTime> ingestedAt, string table)
        where T : notnull
    {
        var latest = new List<T>();
        foreach (var loads in rows.GroupBy(id))
        {
            var newest = loads.Max(ingestedAt);
            var candidates = loads.Where(r => ingestedAt(r) == newest).Distinct().ToList();
            if (candidates.Count > 1)
                throw new InvalidOperationException(
                    $"bronze.{table}: id {loads.Key} has {candidates.Count} different loads with the same latest _ingested_at " +
                    $"({newest:yyyy-MM-dd HH:mm:ss}); the warehouse picks one by a hash of the row, which this recomputation does " +
                    $"not reproduce. Loads: {string.Join(" | ", candidates)}");
            latest.Add(candidates[0]);
        }
        return latest;
    }

    /// <summary>Every spelling of every country (its code and its aliases), by match key.</summary>
    private static Dictionary<string, string> CountrySpellings(IEnumerable<ReferenceCountry> countries)
    {
        var spellings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var country in countries)
        {
            foreach (var spelling in country.Aliases.Append(country.CountryCode))
            {
                var key = Cleaning.CountryKey(spelling);
                // A key listed twice would match a record more than once (the warehouse joins on it).
                if (!spellings.TryAdd(key, country.CountryCode))
                    throw new InvalidOperationException(
                        $"silver.ref_countries: the spelling '{spelling}' of {country.CountryCode} matches as '{key}', which is already a spelling of {spellings[key]}.");
            }
        }
        return spellings;
    }

    private static CustomerRecord Clean(BronzeCustomer c, Dictionary<string, string> spellings) => new(
        c.CustomerId,
        Cleaning.Text(c.FirstName),
        Cleaning.Text(c.LastName),
        Cleaning.Email(c.Email),
        c.BirthDate,
        Cleaning.Gender(c.Gender),
        c.Country is null ? null : spellings.GetValueOrDefault(Cleaning.CountryKey(c.Country)),
        Cleaning.Text(c.City),
        DateOnly.FromDateTime(c.CreatedAt),
        Cleaning.AcquisitionSource(c.AcquisitionSource));

    /// <summary>
    /// One person from their records in signup order (ties by id): the first record's id is the customer's, and each
    /// attribute comes from the first record that has it.
    /// </summary>
    private static SilverCustomer Merge(List<CustomerRecord> records, Dictionary<string, ReferenceCountry> countries)
    {
        var first = records[0];
        var firstName = records.Select(r => r.FirstName).FirstOrDefault(v => v is not null);
        var lastName = records.Select(r => r.LastName).FirstOrDefault(v => v is not null);
        var birthDate = records.Select(r => r.BirthDate).FirstOrDefault(v => v is not null);
        var countryCode = records.Select(r => r.CountryCode).FirstOrDefault(v => v is not null);
        var country = countryCode is null ? null : countries.GetValueOrDefault(countryCode);
        var signup = first.SignupDate;
        var fullName = string.Join(' ', new[] { firstName, lastName }.OfType<string>());
        // A birth date after signup or more than 110 years before it is a typing error.
        var plausibleBirth = birthDate is { } b && b <= signup && b > signup.AddYears(-110) ? birthDate : null;
        return new SilverCustomer(
            first.SourceCustomerId,
            firstName,
            lastName,
            fullName.Length == 0 ? null : fullName,
            records.Select(r => r.Email).FirstOrDefault(v => v is not null),
            plausibleBirth,
            records.Select(r => r.Gender).FirstOrDefault(v => v != "Unknown") ?? "Unknown",
            countryCode,
            country?.CountryName,
            country?.Region ?? "Unknown",
            records.Select(r => r.City).FirstOrDefault(v => v is not null),
            signup,
            records.Select(r => r.AcquisitionSource).FirstOrDefault(v => v != "unknown") ?? "unknown");
    }

    /// <summary>
    /// A payment as known on as_of: paid by then (on time or late), failed (once due), pending (not yet due), or
    /// late (unpaid and past due); days late count to the payment, or to as_of while unpaid.
    /// </summary>
    private static SilverPayment PaymentAsOf(BronzePayment payment, long customerId, DateOnly asOf)
    {
        var paid = payment.PaidAt is { } paidAt && DateOnly.FromDateTime(paidAt) <= asOf ? DateOnly.FromDateTime(paidAt) : (DateOnly?)null;
        var source = Cleaning.SourcePaymentStatus(payment.Status);
        var due = payment.DueDate;
        var status = source == "failed" ? (due < asOf ? "failed" : "pending")
            : paid is { } p ? (p > due ? "late" : "on_time")
            : due < asOf ? "late"
            : "pending";
        long? daysLate = paid is { } d && d > due ? d.DayNumber - due.DayNumber
            : status == "late" ? asOf.DayNumber - due.DayNumber
            : null;
        return new SilverPayment(payment.PaymentId, customerId, status, daysLate);
    }
}

/// <summary>One CRM record, cleaned.</summary>
internal sealed record CustomerRecord(
    long SourceCustomerId,
    string? FirstName,
    string? LastName,
    string? Email,
    DateOnly? BirthDate,
    string Gender,
    string? CountryCode,
    string? City,
    DateOnly SignupDate,
    string AcquisitionSource);

/// <summary>One customer (a person), merged from their records.</summary>
internal sealed record SilverCustomer(
    long CustomerId,
    string? FirstName,
    string? LastName,
    string? FullName,
    string? Email,
    DateOnly? BirthDate,
    string Gender,
    string? CountryCode,
    string? CountryName,
    string Region,
    string? City,
    DateOnly SignupDate,
    string AcquisitionSource);

/// <summary>An order of a known customer placed by as_of, with its units and net amount (0 without lines).</summary>
internal sealed record SilverOrder(long OrderId, long CustomerId, DateOnly OrderDate, string? Status, long ItemCount, decimal Amount)
{
    public DateOnly OrderMonth => new(OrderDate.Year, OrderDate.Month, 1);

    public bool IsCompleted => Status == "completed";
}

internal sealed record SilverPayment(long PaymentId, long CustomerId, string Status, long? DaysLate);

internal sealed record SilverTicket(long TicketId, long CustomerId, string Priority, bool IsResolved, long? SatisfactionScore);
