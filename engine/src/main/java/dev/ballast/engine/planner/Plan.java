package dev.ballast.engine.planner;

import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A proposal: the orders per account with the reasoning of each, and the trades the plan wanted
 * but left out (below a venue's minimum, no cash, nowhere to trade) with why. Nothing is sent.
 */
public record Plan(Money totalValue, List<PlannedOrder> orders, List<Dropped> dropped) {

  public Plan {
    Objects.requireNonNull(totalValue, "totalValue");
    orders = List.copyOf(orders);
    dropped = List.copyOf(dropped);
  }

  public enum Side { BUY, SELL }

  /**
   * One order: {@code taxCost} is the tax its realized gain costs (negative when a loss gives
   * tax back), {@code fee} the venue's fee; {@code lots} the lots a sell closes, cheapest first.
   */
  public record PlannedOrder(
      AccountId account, AssetId asset, Side side, BigDecimal quantity, Money price, Money value, Money fee, Money realizedGain,
      Money taxCost, List<LotSlice> lots, String reason) {
    public PlannedOrder {
      lots = List.copyOf(lots);
    }
  }

  /** The part of one lot a sell closes, with its gain and the tax on it. */
  public record LotSlice(java.time.Instant openedAt, BigDecimal quantity, Money cost, Money gain, Money tax) {}

  /** A trade the plan left out and why. */
  public record Dropped(AccountId account, AssetId asset, Side side, Money value, String reason) {}
}
