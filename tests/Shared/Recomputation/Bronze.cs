using Mallard.DuckDb;

namespace Mallard.Tests.Recomputation;

/// <summary>
/// The bronze tables as C# records, read with <c>SELECT *</c> and nothing else, and the reference list of
/// countries (reference data, not derived from bronze). Everything the recomputation knows comes from here.
/// </summary>
internal sealed record Bronze(
    IReadOnlyList<BronzeCustomer> Customers,
    IReadOnlyList<BronzeOrder> Orders,
    IReadOnlyList<BronzeOrderItem> OrderItems,
    IReadOnlyList<BronzePayment> Payments,
    IReadOnlyList<BronzeSupportTicket> SupportTickets,
    IReadOnlyList<ReferenceCountry> Countries)
{
    public static Bronze Read(DuckDbConnection connection) => new(
        connection.Query("SELECT * FROM bronze.customers").ToRecords<BronzeCustomer>(),
        connection.Query("SELECT * FROM bronze.orders").ToRecords<BronzeOrder>(),
        connection.Query("SELECT * FROM bronze.order_items").ToRecords<BronzeOrderItem>(),
        connection.Query("SELECT * FROM bronze.payments").ToRecords<BronzePayment>(),
        connection.Query("SELECT * FROM bronze.support_tickets").ToRecords<BronzeSupportTicket>(),
        connection.Query("SELECT * FROM silver.ref_countries").ToRecords<ReferenceCountry>());
}

internal sealed record BronzeCustomer(
    long CustomerId,
    string? FirstName,
    string? LastName,
    string? Email,
    DateOnly? BirthDate,
    string? Gender,
    string? Country,
    string? City,
    DateTime CreatedAt,
    string? AcquisitionSource,
    DateTime IngestedAt);

internal sealed record BronzeOrder(
    long OrderId,
    long? CustomerId,
    DateTime? OrderedAt,
    string? Status,
    string? Channel,
    DateTime IngestedAt);

internal sealed record BronzeOrderItem(
    long OrderItemId,
    long? OrderId,
    long? ProductId,
    long? Quantity,
    decimal? UnitPrice,
    decimal? DiscountAmount,
    DateTime IngestedAt);

internal sealed record BronzePayment(
    long PaymentId,
    long? OrderId,
    decimal? Amount,
    string? Method,
    DateOnly DueDate,
    DateTime? PaidAt,
    string? Status,
    DateTime IngestedAt);

internal sealed record BronzeSupportTicket(
    long TicketId,
    long? CustomerId,
    DateTime OpenedAt,
    string? Category,
    string? Priority,
    DateTime? ResolvedAt,
    long? SatisfactionScore,
    DateTime IngestedAt);

/// <summary>A row of <c>silver.ref_countries</c>: a code, its name and region, and the other spellings of it.</summary>
internal sealed record ReferenceCountry(string CountryCode, string CountryName, string Region, IReadOnlyList<string> Aliases);
