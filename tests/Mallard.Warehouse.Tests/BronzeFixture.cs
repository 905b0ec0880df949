using Mallard.DuckDb;

namespace Mallard.Warehouse.Tests;

/// <summary>
/// A tiny hand-made bronze layer whose gold answers are worked out by hand in the tests. As of 2025-07-01:
/// <list type="bullet">
/// <item>Alice (1) signed up 2024-01-10 and again as record 3 (same email, other case); completed orders
/// 101 (2025-06-21: 2 × 10.00 + 1 × 25.50 − 0.50 = 45.00, 3 items) and 102 (record 3, 2025-05-02:
/// 4 × 25.50 − 2.00 = 100.00, 4 items), cancelled 103, and 107 after as_of.</item>
/// <item>Bob (2), loaded twice, completed 104 (2025-01-15: 3 × 10.00 = 30.00, loaded twice) and returned 105.</item>
/// <item>Carol (4) never ordered. Dan (5) signed up after as_of. Order 106 belongs to no known customer.</item>
/// </list>
/// </summary>
internal static class BronzeFixture
{
    public static readonly DateOnly AsOf = new(2025, 7, 1);

    public const string Sql = """
        CREATE TABLE bronze.customers (customer_id BIGINT, first_name VARCHAR, last_name VARCHAR, email VARCHAR, birth_date DATE,
            gender VARCHAR, country VARCHAR, city VARCHAR, created_at TIMESTAMP, acquisition_source VARCHAR, _ingested_at TIMESTAMP);
        INSERT INTO bronze.customers VALUES
            (1, ' Alice', 'Johnson ', ' Alice.Johnson@Example.com ', DATE '1990-03-15', 'F', 'USA', 'Boston', TIMESTAMP '2024-01-10 09:00:00', 'Paid Search', TIMESTAMP '2024-01-11 00:00:00'),
            (2, 'Bob', 'Smith', 'bob@example.com', NULL, 'male', 'SPAIN', 'Madrid', TIMESTAMP '2024-02-01 12:00:00', 'organic', TIMESTAMP '2024-02-02 00:00:00'),
            (2, 'Bob', 'Smith', ' BOB@EXAMPLE.COM', NULL, 'male', 'SPAIN', 'Madrid', TIMESTAMP '2024-02-01 12:00:00', 'organic', TIMESTAMP '2024-03-02 00:00:00'),
            (3, 'Alice', 'Johnson', 'alice.johnson@example.com', NULL, 'female', 'United States', NULL, TIMESTAMP '2024-03-01 08:00:00', 'referral', TIMESTAMP '2024-03-02 00:00:00'),
            (4, 'Carol', 'Diaz', 'carol@example.com', DATE '2000-01-01', NULL, 'es', 'Seville', TIMESTAMP '2024-05-01 10:00:00', NULL, TIMESTAMP '2024-05-02 00:00:00'),
            (5, 'Dan', 'Late', 'dan@example.com', DATE '1980-01-01', 'M', 'DE', 'Berlin', TIMESTAMP '2025-08-01 10:00:00', 'email', TIMESTAMP '2025-08-02 00:00:00');

        CREATE TABLE bronze.products (product_id BIGINT, product_name VARCHAR, category VARCHAR, list_price DECIMAL(10, 2), _ingested_at TIMESTAMP);
        INSERT INTO bronze.products VALUES
            (1, 'Widget', 'Home', 10.00, TIMESTAMP '2024-01-01 00:00:00'),
            (2, 'Gadget', 'Home', 25.50, TIMESTAMP '2024-01-01 00:00:00'),
            (3, 'Doohickey', 'HOME ', 5.00, TIMESTAMP '2024-01-01 00:00:00');

        CREATE TABLE bronze.orders (order_id BIGINT, customer_id BIGINT, ordered_at TIMESTAMP, status VARCHAR, channel VARCHAR, _ingested_at TIMESTAMP);
        INSERT INTO bronze.orders VALUES
            (101, 1, TIMESTAMP '2025-06-21 10:00:00', 'Completed', 'web', TIMESTAMP '2025-06-21 11:00:00'),
            (102, 3, TIMESTAMP '2025-05-02 18:30:00', 'COMPLETE', 'Mobile App ', TIMESTAMP '2025-05-02 19:30:00'),
            (103, 1, TIMESTAMP '2025-06-01 09:00:00', 'canceled', NULL, TIMESTAMP '2025-06-01 10:00:00'),
            (104, 2, TIMESTAMP '2025-01-15 23:59:00', 'completed', 'web', TIMESTAMP '2025-01-16 00:59:00'),
            (104, 2, TIMESTAMP '2025-01-15 23:59:00', 'completed', 'web', TIMESTAMP '2025-01-17 00:59:00'),
            (105, 2, TIMESTAMP '2025-03-10 08:00:00', 'Returned', 'marketplace', TIMESTAMP '2025-03-10 09:00:00'),
            (106, 99, TIMESTAMP '2025-04-01 08:00:00', 'completed', 'web', TIMESTAMP '2025-04-01 09:00:00'),
            (107, 1, TIMESTAMP '2025-07-05 08:00:00', 'completed', 'web', TIMESTAMP '2025-07-05 09:00:00');

        CREATE TABLE bronze.order_items (order_item_id BIGINT, order_id BIGINT, product_id BIGINT, quantity INTEGER,
            unit_price DECIMAL(10, 2), discount_amount DECIMAL(10, 2), _ingested_at TIMESTAMP);
        INSERT INTO bronze.order_items VALUES
            (1011, 101, 1, 2, 10.00, 0.00, TIMESTAMP '2025-06-22 00:00:00'),
            (1012, 101, 2, 1, 25.50, 0.50, TIMESTAMP '2025-06-22 00:00:00'),
            (1021, 102, 2, 4, 25.50, 2.00, TIMESTAMP '2025-05-03 00:00:00'),
            (1031, 103, 1, 1, 10.00, 0.00, TIMESTAMP '2025-06-02 00:00:00'),
            (1041, 104, 1, 3, 10.00, NULL, TIMESTAMP '2025-01-16 00:00:00'),
            (1051, 105, 1, 1, 10.00, 0.00, TIMESTAMP '2025-03-11 00:00:00'),
            (1061, 106, 3, 7, 5.00, 0.00, TIMESTAMP '2025-04-02 00:00:00'),
            (1071, 107, 2, 1, 25.50, 0.00, TIMESTAMP '2025-07-06 00:00:00');

        CREATE TABLE bronze.payments (payment_id BIGINT, order_id BIGINT, amount DECIMAL(12, 2), method VARCHAR, due_date DATE,
            paid_at TIMESTAMP, status VARCHAR, _ingested_at TIMESTAMP);
        INSERT INTO bronze.payments VALUES
            (1, 101, 45.00, 'Credit Card', DATE '2025-07-21', TIMESTAMP '2025-06-25 10:00:00', 'on_time', TIMESTAMP '2025-06-26 00:00:00'),
            (2, 102, 100.00, 'paypal', DATE '2025-06-01', TIMESTAMP '2025-06-10 10:00:00', 'LATE ', TIMESTAMP '2025-06-11 00:00:00'),
            (4, 104, 30.00, 'credit_card', DATE '2025-02-14', NULL, 'FAILED', TIMESTAMP '2025-02-15 00:00:00'),
            (5, 105, 10.00, 'gift_card', DATE '2025-04-09', TIMESTAMP '2025-04-01 10:00:00', 'On Time', TIMESTAMP '2025-04-02 00:00:00'),
            (7, 107, 25.50, 'paypal', DATE '2025-08-04', TIMESTAMP '2025-07-06 10:00:00', 'on_time', TIMESTAMP '2025-07-07 00:00:00');

        CREATE TABLE bronze.support_tickets (ticket_id BIGINT, customer_id BIGINT, opened_at TIMESTAMP, category VARCHAR, priority VARCHAR,
            resolved_at TIMESTAMP, satisfaction_score INTEGER, _ingested_at TIMESTAMP);
        INSERT INTO bronze.support_tickets VALUES
            (1, 1, TIMESTAMP '2025-06-22 10:00:00', 'Delivery', 'HIGH', TIMESTAMP '2025-06-22 16:00:00', 2, TIMESTAMP '2025-06-22 12:00:00'),
            (2, 3, TIMESTAMP '2025-06-23 10:00:00', 'billing', 'urgent', NULL, NULL, TIMESTAMP '2025-06-23 12:00:00'),
            (3, 1, TIMESTAMP '2025-06-24 10:00:00', 'refund', 'low', TIMESTAMP '2025-06-26 10:00:00', 1, TIMESTAMP '2025-06-24 12:00:00'),
            (4, 2, TIMESTAMP '2025-02-01 10:00:00', 'billing', 'medium', TIMESTAMP '2025-02-02 10:00:00', 5, TIMESTAMP '2025-02-01 12:00:00'),
            (5, 4, TIMESTAMP '2025-07-02 10:00:00', 'account', 'low', NULL, NULL, TIMESTAMP '2025-07-02 12:00:00');
        """;

    public static WarehouseBuildOptions Options(WarehouseThresholds? thresholds = null, string extraSql = "") => new()
    {
        AsOf = AsOf,
        Thresholds = thresholds ?? new WarehouseThresholds(),
        Bronze = connection => connection.Execute(Sql + extraSql),
    };

    /// <summary>An in-memory warehouse built from the fixture, with <paramref name="extraSql"/> adding bronze rows.</summary>
    public static (DuckDbDatabase Database, DuckDbConnection Connection) Build(WarehouseThresholds? thresholds = null, string extraSql = "")
    {
        var database = DuckDbDatabase.OpenInMemory();
        var connection = database.Connect();
        WarehouseBuilder.BuildInto(connection, Options(thresholds, extraSql));
        return (database, connection);
    }
}
