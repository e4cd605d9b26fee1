package dev.ballast.persistence.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.execution.ClientOrderId;
import dev.ballast.engine.execution.Execution;
import dev.ballast.engine.execution.Fill;
import dev.ballast.engine.execution.FillId;
import dev.ballast.engine.execution.OrderRequest;
import dev.ballast.engine.execution.Side;
import dev.ballast.engine.execution.VenueOrderId;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.engine.risk.RiskCheck;
import dev.ballast.engine.risk.RiskRejection;
import dev.ballast.engine.strategy.OrderIntent;
import dev.ballast.engine.strategy.PlanInputs;
import dev.ballast.engine.strategy.RebalanceConfig;
import dev.ballast.engine.strategy.RebalancePlanner;
import dev.ballast.engine.strategy.Strategy;
import dev.ballast.engine.strategy.StrategyMode;
import dev.ballast.engine.strategy.TradeRule;
import dev.ballast.persistence.db.DataSourceJdbcSession;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.query.Page;
import dev.ballast.persistence.readside.EventNotApplied;
import dev.ballast.persistence.strategy.DecisionProjectionHandler;
import dev.ballast.persistence.strategy.DecisionQueries;
import dev.ballast.persistence.strategy.DecisionRow;
import dev.ballast.persistence.testing.TestBackend;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trading read tables as the projection handlers write them from Execution and Strategy
 * events, and as OrderQueries and DecisionQueries read them: scope, date range, paging, newest first.
 */
abstract class TradingReadSideContract {
  private static final InstrumentId BTC_JPY = InstrumentId.of("BTC", "JPY");
  private static final AccountId PAPER = AccountId.of("paper");
  private static final AccountId OTHER = AccountId.of("other-acc");
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  @TempDir Path dir;
  private Database database;
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
  private long offset;

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

  private <E> void apply(JdbcHandler<List<EventEnvelope<E>>, DataSourceJdbcSession> handler, String persistenceId, List<E> events)
      throws Exception {
    List<EventEnvelope<E>> envelopes = new ArrayList<>();
    for (E e : events) {
      offset++;
      envelopes.add(EventEnvelope.create(Offset.sequence(offset), persistenceId, offset, e, 0L));
    }
    DataSourceJdbcSession session = new DataSourceJdbcSession(database);
    try {
      handler.process(session, envelopes);
      session.commit();
    } catch (Exception e) {
      session.rollback();
      throw e;
    } finally {
      session.close();
    }
  }

  private static Instant t(int seconds) {
    return T0.plusSeconds(seconds);
  }

  private static Execution.OrderAccepted accepted(AccountId account, String intent, String quantity, int at) {
    String decision = intent.substring(0, intent.indexOf('/'));
    return new Execution.OrderAccepted(account, intent, decision, OrderRequest.market(OrderIntent.clientOrderId(intent), BTC_JPY, Side.SELL,
        Quantity.of(quantity)), Price.of("15000000", "JPY"), t(at));
  }

  private static Fill fill(String id, String intent, String quantity, String price, int at) {
    return new Fill(FillId.of(id), OrderIntent.clientOrderId(intent), VenueOrderId.of("v-" + intent), BTC_JPY, Side.SELL, Quantity.of(quantity),
        Price.of(price, "JPY"), Money.of("7.5", "JPY"), t(at));
  }

  private List<Execution.Event> trades() {
    ClientOrderId first = OrderIntent.clientOrderId("main:1/0");
    return List.of(
        accepted(PAPER, "main:1/0", "0.01", 1),
        new Execution.OrderSubmitted(PAPER, first, VenueOrderId.of("v-main:1/0"), t(1)),
        new Execution.OrderPartiallyFilled(PAPER, first, fill("f1", "main:1/0", "0.004", "14992500", 2), Price.of("15000000", "JPY"),
            new BigDecimal("5")),
        new Execution.OrderFilled(PAPER, first, fill("f2", "main:1/0", "0.006", "14985000", 3), Price.of("15000000", "JPY"),
            new BigDecimal("10")),
        new Execution.FillRecorded(PAPER, "f1", t(4)),
        accepted(PAPER, "main:2/0", "0.02", 10),
        new Execution.OrderRejected(PAPER, OrderIntent.clientOrderId("main:2/0"), "insufficient funds", t(11)));
  }

  @Test
  void ordersAndFillsAreKeptWithTheirDecisionPricesAndSlippage() throws Exception {
    OrderProjectionHandler handler = new OrderProjectionHandler(a -> "paper");
    apply(handler, "Execution|paper", trades());
    apply(handler, "Execution|other-acc", List.of(accepted(OTHER, "other:1/0", "1", 5),
        new Execution.OrderFilled(OTHER, OrderIntent.clientOrderId("other:1/0"), fill("g1", "other:1/0", "1", "15000000", 6), null, null)));
    OrderQueries queries = new OrderQueries(database);

    Page<OrderRow> main = queries.orders(OrderQueries.Scope.portfolio("main"), null, null, 0, 50);
    assertEquals(2, main.total());
    OrderRow rejected = main.items().get(0);
    assertEquals("main:2/0", rejected.intentId(), "newest first");
    assertEquals("REJECTED", rejected.status());
    assertEquals("insufficient funds", rejected.reason());
    OrderRow filled = main.items().get(1);
    assertEquals("FILLED", filled.status());
    assertEquals(0, new BigDecimal("0.01").compareTo(filled.filledQuantity()));
    assertEquals(2, filled.fillCount());
    assertEquals("v-main:1/0", filled.venueOrderId());
    assertEquals("main:1", filled.decisionId());
    assertEquals("main:1/0", filled.intentId());
    assertEquals(t(3), filled.updatedAt());
    assertEquals(1, queries.orders(OrderQueries.Scope.account("other-acc"), null, null, 0, 50).total());

    Page<FillRow> fills = queries.fills(OrderQueries.Scope.account("paper"), null, null, 0, 1);
    assertEquals(2, fills.total());
    assertEquals(1, fills.items().size(), "a page of one");
    FillRow newest = fills.items().get(0);
    assertEquals("f2", newest.fillId());
    assertEquals("0.006", newest.quantity().toPlainString());
    assertEquals("15000000", newest.intendedPrice().toPlainString());
    assertEquals("14985000", newest.fillPrice().toPlainString());
    assertEquals("10", newest.slippageBps().toPlainString());
    assertEquals("7.5", newest.fee().toPlainString());
    assertEquals("JPY", newest.feeCurrency());
    assertEquals("paper", newest.venue());
    assertEquals("main", newest.portfolioId());
    assertEquals(t(3), newest.filledAt());
    assertNull(newest.recordedAt(), "the ledger has not confirmed f2");
    assertEquals(t(4), queries.fills(OrderQueries.Scope.account("paper"), null, null, 1, 1).items().get(0).recordedAt());

    // from inclusive, to exclusive
    List<FillRow> ranged = queries.fills(OrderQueries.Scope.portfolio("main"), t(2), t(3), 0, 50).items();
    assertEquals(List.of("f1"), ranged.stream().map(FillRow::fillId).toList());
    assertEquals(List.of("f1", "f2"), queries.fillsWithIntendedPrice(OrderQueries.Scope.portfolio("main"), t(0), null).stream()
        .map(FillRow::fillId).toList(), "oldest first");
    assertEquals(List.of(), queries.fillsWithIntendedPrice(OrderQueries.Scope.account("other-acc"), null, null),
        "a fill without an intended price is not one to measure slippage on");
    assertEquals(1, queries.orders(OrderQueries.Scope.portfolio("main"), t(5), t(20), 0, 50).total());
  }

  @Test
  void aFillOfAnUnknownOrderIsNotAppliedAndLeavesNothingWritten() throws Exception {
    OrderProjectionHandler handler = new OrderProjectionHandler(a -> "paper");
    List<Execution.Event> events = List.of(accepted(PAPER, "main:1/0", "0.01", 1),
        new Execution.OrderFilled(PAPER, OrderIntent.clientOrderId("nope:1/0"), fill("f9", "nope:1/0", "0.01", "15000000", 2), null, null));
    EventNotApplied failure = assertThrows(EventNotApplied.class, () -> apply(handler, "Execution|paper", events));
    assertTrue(failure.getMessage().contains(OrderIntent.clientOrderId("nope:1/0").value()), failure.getMessage());
    assertEquals(0, new OrderQueries(database).orders(OrderQueries.Scope.account("paper"), null, null, 0, 50).total());
  }

  private static Strategy.RebalanceDecided decided(int n, int at) {
    PlanInputs in = new PlanInputs(AssetId.of("JPY"),
        List.of(new PlanInputs.Holding(PAPER, AssetId.of("BTC"), new BigDecimal("0.06")),
            new PlanInputs.Holding(PAPER, AssetId.of("JPY"), new BigDecimal("400000"))),
        List.of(new PlanInputs.PricePoint(BTC_JPY, Price.of("15000000", "JPY"), t(at))), List.of(),
        new TargetAllocation(TargetAllocation.Kind.ASSET, List.of(new TargetAllocation.Target("BTC", new BigDecimal("50")),
            new TargetAllocation.Target("JPY", new BigDecimal("50"))), null),
        new RebalanceConfig(new BigDecimal("5"), null, Money.of("1000", "JPY"), new BigDecimal("10"), Money.of("0", "JPY"),
            List.of(new TradeRule(AssetId.of("BTC"), PAPER, BTC_JPY, new BigDecimal("0.0001"), BigDecimal.ZERO))));
    String id = "main:" + n;
    return new Strategy.RebalanceDecided(PortfolioId.of("main"), id, "threshold", StrategyMode.PAPER, t(at), in, RebalancePlanner.plan(id, in));
  }

  @Test
  void decisionsAreKeptWithTheirScreeningAndDelivery() throws Exception {
    Strategy.RebalanceDecided first = decided(1, 1);
    assertEquals(1, first.plan().intents().size(), first.plan().toString());
    DecisionProjectionHandler handler = new DecisionProjectionHandler(json);
    apply(handler, "Strategy|main", List.of(first,
        new Strategy.IntentsScreened(PortfolioId.of("main"), "main:1", t(2), LocalDate.of(2026, 3, 1), List.of(),
            List.of(new RiskRejection(first.plan().intents().get(0).intentId(), RiskCheck.KILL_SWITCH, "engaged")), BigDecimal.ZERO),
        new Strategy.IntentsDelivered(PortfolioId.of("main"), "main:1", t(3)),
        decided(2, 100)));
    DecisionQueries queries = new DecisionQueries(database);

    Page<DecisionRow> page = queries.page("main", null, null, 0, 50);
    assertEquals(2, page.total());
    assertEquals(List.of("main:2", "main:1"), page.items().stream().map(DecisionRow::decisionId).toList());
    DecisionRow one = page.items().get(1);
    assertEquals(1, one.intentCount());
    assertTrue(one.outsideBand());
    assertEquals(0, one.passedCount());
    assertEquals(1, one.rejectedCount());
    assertEquals(t(3), one.deliveredAt());
    assertEquals("KILL_SWITCH", json.readTree(one.screenedJson()).path("rejected").get(0).path("check").asText());
    assertEquals(json.readTree(json.writeValueAsString(first)), json.readTree(one.decidedJson()), "the whole decision, inputs included");
    assertNull(page.items().get(0).screenedAt());
    assertEquals(List.of("main:2"), queries.page("main", t(50), null, 0, 50).items().stream().map(DecisionRow::decisionId).toList());
    assertEquals(List.of("main:1"), queries.page("main", null, t(50), 0, 50).items().stream().map(DecisionRow::decisionId).toList());
    assertEquals(0, queries.page("other", null, null, 0, 50).total());
  }
}
