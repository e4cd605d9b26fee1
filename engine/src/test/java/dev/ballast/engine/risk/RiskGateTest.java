package dev.ballast.engine.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.execution.Side;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.strategy.LatestPrices;
import dev.ballast.engine.strategy.OrderIntent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RiskGateTest {
  private static final AccountId ACCOUNT = AccountId.of("paper");
  private static final InstrumentId BTC = InstrumentId.of("BTC", "JPY");
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  private static final RiskLimits LIMITS =
      new RiskLimits(Money.of("1000000", "JPY"), Money.of("1500000", "JPY"), new BigDecimal("100"), Duration.ofSeconds(30), null);

  private static OrderIntent intent(String id, Side side, String quantity, String price) {
    return new OrderIntent(id, ACCOUNT, BTC, side, Quantity.of(quantity), Price.of(price, "JPY"),
        Money.of(new BigDecimal(quantity).multiply(new BigDecimal(price)).toPlainString(), "JPY"));
  }

  private static RiskGate.Context context(boolean killed, Quote quote, String btc, String jpy, String turnover) {
    LatestPrices prices = i -> i.equals(BTC) ? Optional.ofNullable(quote) : Optional.empty();
    return new RiskGate.Context(killed, Map.of(ACCOUNT, Map.of(AssetId.of("BTC"), new BigDecimal(btc), AssetId.of("JPY"), new BigDecimal(jpy))),
        (a, i) -> a.equals(ACCOUNT), prices, Map.of(), new BigDecimal(turnover), LIMITS, BigDecimal.TEN, NOW);
  }

  private static Quote fresh(String price) {
    return Quote.last(BTC, Price.of(price, "JPY"), NOW.minusSeconds(5));
  }

  private static RiskCheck only(RiskGate.Screened screened) {
    assertEquals(1, screened.rejected().size(), screened.toString());
    return screened.rejected().get(0).check();
  }

  @Test
  void anIntentWithinEveryLimitPasses() {
    var screened = RiskGate.screen(List.of(intent("d:1/1", Side.BUY, "0.05", "10000000")), context(false, fresh("10000000"), "0", "600000", "0"));
    assertEquals(1, screened.passed().size());
    assertEquals(0, screened.turnoverAfter().compareTo(new BigDecimal("500000")));
  }

  @Test
  void eachCheckRejectsWithItsReason() {
    OrderIntent buy = intent("d:1/1", Side.BUY, "0.05", "10000000");
    assertEquals(RiskCheck.KILL_SWITCH, only(RiskGate.screen(List.of(buy), context(true, fresh("10000000"), "0", "600000", "0"))));
    assertEquals(RiskCheck.NO_PRICE, only(RiskGate.screen(List.of(buy), context(false, null, "0", "600000", "0"))));
    assertEquals(RiskCheck.STALE_PRICE, only(RiskGate.screen(List.of(buy),
        context(false, Quote.last(BTC, Price.of("10000000", "JPY"), NOW.minusSeconds(31)), "0", "600000", "0"))));
    // 2% away from the latest against a 1% band
    assertEquals(RiskCheck.PRICE_BAND, only(RiskGate.screen(List.of(buy), context(false, fresh("10200000"), "0", "600000", "0"))));
    assertEquals(RiskCheck.MAX_ORDER_VALUE, only(RiskGate.screen(List.of(intent("d:1/1", Side.BUY, "0.2", "10000000")),
        context(false, fresh("10000000"), "0", "3000000", "0"))));
    assertEquals(RiskCheck.DAILY_TURNOVER, only(RiskGate.screen(List.of(buy), context(false, fresh("10000000"), "0", "600000", "1100000"))));
    assertEquals(RiskCheck.INSUFFICIENT_CASH, only(RiskGate.screen(List.of(buy), context(false, fresh("10000000"), "0", "500000", "0"))));
    assertEquals(RiskCheck.INSUFFICIENT_HOLDINGS, only(RiskGate.screen(List.of(intent("d:1/1", Side.SELL, "0.05", "10000000")),
        context(false, fresh("10000000"), "0.04", "0", "0"))));
    LatestPrices any = i -> Optional.of(fresh("10000000"));
    var notAllowed = new RiskGate.Context(false, Map.of(), (a, i) -> false, any, Map.of(), BigDecimal.ZERO, LIMITS, BigDecimal.ZERO, NOW);
    assertEquals(RiskCheck.INSTRUMENT_NOT_ALLOWED, only(RiskGate.screen(List.of(buy), notAllowed)));
  }

  @Test
  void thePassedIntentsOfADecisionShareTheCashAndTheTurnover() {
    // each buy alone fits the 600,000 JPY; the second one no longer does
    var screened = RiskGate.screen(List.of(intent("d:1/1", Side.BUY, "0.05", "10000000"), intent("d:1/2", Side.BUY, "0.01", "10000000")),
        context(false, fresh("10000000"), "0", "600000", "0"));
    assertEquals(List.of("d:1/1"), screened.passed().stream().map(OrderIntent::intentId).toList());
    assertEquals(RiskCheck.INSUFFICIENT_CASH, screened.rejected().get(0).check());
  }

  @Test
  void aSellPaysForTheBuyAfterIt() {
    var screened = RiskGate.screen(List.of(intent("d:1/1", Side.SELL, "0.05", "10000000"), intent("d:1/2", Side.BUY, "0.04", "10000000")),
        context(false, fresh("10000000"), "0.05", "0", "0"));
    assertEquals(2, screened.passed().size(), screened.toString());
  }
}
