package dev.ballast.persistence.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.execution.ClientOrderId;
import dev.ballast.engine.execution.Fill;
import dev.ballast.engine.execution.FillId;
import dev.ballast.engine.execution.Order;
import dev.ballast.engine.execution.OrderRequest;
import dev.ballast.engine.execution.OrderStatus;
import dev.ballast.engine.execution.Side;
import dev.ballast.engine.execution.VenueBook;
import dev.ballast.engine.execution.VenueOrderId;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.testing.TestBackend;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paper venue's book: orders come back in the order placed with their latest report, fills oldest first, per venue and account; a write is whole or absent. */
abstract class JdbcVenueBookContract {
  private static final InstrumentId BTC_JPY = InstrumentId.of("BTC", "JPY");
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  @TempDir Path dir;
  private Database database;
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

  abstract TestBackend backend();

  @BeforeEach
  void open() {
    database = Database.open(backend().newDatabase(dir));
    database.migrate();
  }

  @AfterEach
  void close() {
    database.close();
  }

  private static OrderRequest sell(String id, String quantity) {
    return OrderRequest.market(ClientOrderId.of(id), BTC_JPY, Side.SELL, Quantity.of(quantity));
  }

  private static Fill fill(String id, OrderRequest r, String quantity) {
    return new Fill(FillId.of(id), r.id(), VenueOrderId.of("paper-" + r.id().value()), BTC_JPY, r.side(), Quantity.of(quantity),
        Price.of("10000000.00", "JPY"), Money.of("12.50000000", "JPY"), T0);
  }

  @Test
  void ordersKeepTheirLatestReportAndFillsAddUpPerAccount() {
    VenueBook book = new JdbcVenueBook(database, json, "paper", AccountId.of("a"));
    OrderRequest first = sell("bl-1", "0.4");
    OrderRequest second = sell("bl-0", "0.1");
    Order open = new Order(first, VenueOrderId.of("paper-bl-1"), OrderStatus.OPEN, Quantity.ZERO, T0);
    book.write(List.of(open), List.of());
    Order part = new Order(first, VenueOrderId.of("paper-bl-1"), OrderStatus.PARTIALLY_FILLED, Quantity.of("0.2"), T0.plusSeconds(1));
    Order done = new Order(second, VenueOrderId.of("paper-bl-0"), OrderStatus.FILLED, Quantity.of("0.1"), T0.plusSeconds(1));
    Fill f1 = fill("paper-f1", first, "0.2");
    Fill f2 = fill("paper-f2", second, "0.1");
    book.write(List.of(part, done), List.of(f1, f2));
    new JdbcVenueBook(database, json, "paper", AccountId.of("b")).write(List.of(open), List.of(f1));

    VenueBook.Contents again = new JdbcVenueBook(database, json, "paper", AccountId.of("a")).load();

    assertEquals(List.of(part, done), again.orders());
    assertEquals(List.of(f1, f2), again.fills());
    assertEquals(new VenueBook.Contents(List.of(), List.of()), new JdbcVenueBook(database, json, "other", AccountId.of("a")).load());
  }

  @Test
  void aWriteThatFailsLeavesNothing() {
    VenueBook book = new JdbcVenueBook(database, json, "paper", AccountId.of("a"));
    OrderRequest r = sell("bl-1", "0.4");
    Fill f1 = fill("paper-f1", r, "0.2");
    book.write(List.of(new Order(r, VenueOrderId.of("paper-1"), OrderStatus.OPEN, Quantity.ZERO, T0)), List.of(f1));
    Order part = new Order(r, VenueOrderId.of("paper-1"), OrderStatus.PARTIALLY_FILLED, Quantity.of("0.2"), T0);

    // the same fill again breaks the key: the order's new report is not kept either
    assertThrows(RuntimeException.class, () -> book.write(List.of(part), List.of(fill("paper-f2", r, "0.1"), f1)));

    VenueBook.Contents contents = book.load();
    assertEquals(OrderStatus.OPEN, contents.orders().get(0).status());
    assertEquals(List.of(f1), contents.fills());
  }
}
