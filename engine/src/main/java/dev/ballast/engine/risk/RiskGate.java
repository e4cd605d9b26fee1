package dev.ballast.engine.risk;

import dev.ballast.engine.execution.Side;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.strategy.LatestPrices;
import dev.ballast.engine.strategy.OrderIntent;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The pre-trade checks as a pure function: the intents of one decision, in order, against the
 * holdings and cash of their accounts, the latest prices, the limits, the turnover already traded
 * today and the kill switch. Each intent that passes uses up its cash, holdings and turnover for
 * the intents after it, so a decision cannot pass as a whole what each of its orders passes alone.
 */
public final class RiskGate {
  private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

  private RiskGate() {}

  /**
   * What the checks read.
   *
   * @param available quantity per account and asset (cash included) the account holds now
   * @param allowed whether an account may trade an instrument
   * @param turnoverToday the value traded today by the portfolio, in the limits' currency
   * @param fxToBase the rate of each quote currency into the limits' currency (the base itself need not be there)
   */
  public record Context(
      boolean killSwitchEngaged,
      Map<AccountId, Map<AssetId, BigDecimal>> available,
      BiPredicate<AccountId, InstrumentId> allowed,
      LatestPrices prices,
      Map<AssetId, BigDecimal> fxToBase,
      BigDecimal turnoverToday,
      RiskLimits limits,
      BigDecimal feeEstimateBps,
      Instant now) {}

  /** The outcome: the intents that passed, in order, and a rejection for every other. */
  public record Screened(List<OrderIntent> passed, List<RiskRejection> rejected, BigDecimal turnoverAfter) {
    public Screened {
      passed = List.copyOf(passed);
      rejected = List.copyOf(rejected);
    }
  }

  public static Screened screen(List<OrderIntent> intents, Context ctx) {
    List<OrderIntent> passed = new ArrayList<>();
    List<RiskRejection> rejected = new ArrayList<>();
    Map<AccountId, Map<AssetId, BigDecimal>> left = new HashMap<>();
    ctx.available().forEach((a, m) -> left.put(a, new HashMap<>(m)));
    BigDecimal turnover = ctx.turnoverToday();
    BigDecimal fee = ctx.feeEstimateBps().divide(BPS, MathContext.DECIMAL128);
    for (OrderIntent intent : intents) {
      Optional<RiskRejection> no = check(intent, ctx, left, turnover, fee);
      if (no.isPresent()) {
        rejected.add(no.get());
        continue;
      }
      passed.add(intent);
      BigDecimal value = value(intent, ctx);
      turnover = turnover.add(value);
      Map<AssetId, BigDecimal> account = left.computeIfAbsent(intent.account(), a -> new HashMap<>());
      BigDecimal notional = intent.referencePrice().value().multiply(intent.quantity().value());
      AssetId base = intent.instrument().base();
      AssetId quote = intent.instrument().quote();
      if (intent.side() == Side.SELL) {
        account.merge(base, intent.quantity().value().negate(), BigDecimal::add);
        account.merge(quote, notional.subtract(notional.multiply(fee, MathContext.DECIMAL128)), BigDecimal::add);
      } else {
        account.merge(quote, notional.add(notional.multiply(fee, MathContext.DECIMAL128)).negate(), BigDecimal::add);
        account.merge(base, intent.quantity().value(), BigDecimal::add);
      }
    }
    return new Screened(passed, rejected, turnover);
  }

  private static BigDecimal value(OrderIntent intent, Context ctx) {
    AssetId quote = intent.instrument().quote();
    BigDecimal rate = quote.equals(ctx.limits().maxOrderValue().currency()) ? BigDecimal.ONE : ctx.fxToBase().get(quote);
    return rate == null ? null : intent.referencePrice().value().multiply(intent.quantity().value()).multiply(rate);
  }

  private static Optional<RiskRejection> check(
      OrderIntent intent, Context ctx, Map<AccountId, Map<AssetId, BigDecimal>> left, BigDecimal turnover, BigDecimal fee) {
    String id = intent.intentId();
    if (ctx.killSwitchEngaged()) {
      return reject(id, RiskCheck.KILL_SWITCH, "the kill switch is engaged: no new orders");
    }
    if (!ctx.allowed().test(intent.account(), intent.instrument())) {
      return reject(id, RiskCheck.INSTRUMENT_NOT_ALLOWED, intent.instrument() + " is not allowed for account " + intent.account());
    }
    Optional<Quote> quote = ctx.prices().latest(intent.instrument());
    if (quote.isEmpty()) {
      return reject(id, RiskCheck.NO_PRICE, "no latest price of " + intent.instrument());
    }
    Duration age = Duration.between(quote.get().time(), ctx.now());
    if (age.compareTo(ctx.limits().maxPriceAge()) > 0) {
      return reject(id, RiskCheck.STALE_PRICE, "the latest price of " + intent.instrument() + " is " + age.toSeconds()
          + "s old (at most " + ctx.limits().maxPriceAge().toSeconds() + "s)");
    }
    Price latest = LatestPrices.mark(quote.get());
    BigDecimal off = intent.referencePrice().value().subtract(latest.value()).abs().multiply(BPS)
        .divide(latest.value(), MathContext.DECIMAL128);
    if (off.compareTo(ctx.limits().priceBandBps()) > 0) {
      return reject(id, RiskCheck.PRICE_BAND, "the intent's price " + intent.referencePrice() + " is "
          + off.setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + " bps from the latest " + latest + " (band "
          + ctx.limits().priceBandBps().toPlainString() + " bps)");
    }
    BigDecimal value = value(intent, ctx);
    if (value == null) {
      return reject(id, RiskCheck.NO_PRICE, "no FX rate " + intent.instrument().quote() + "/" + ctx.limits().maxOrderValue().currency());
    }
    if (value.compareTo(ctx.limits().maxOrderValue().amount()) > 0) {
      return reject(id, RiskCheck.MAX_ORDER_VALUE, "order worth " + value.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()
          + " is above the maximum " + ctx.limits().maxOrderValue());
    }
    if (turnover.add(value).compareTo(ctx.limits().maxDailyTurnover().amount()) > 0) {
      return reject(id, RiskCheck.DAILY_TURNOVER, "today's turnover would be " + turnover.add(value).setScale(2, java.math.RoundingMode.HALF_UP)
          .toPlainString() + ", above the maximum " + ctx.limits().maxDailyTurnover());
    }
    Map<AssetId, BigDecimal> account = left.getOrDefault(intent.account(), Map.of());
    if (intent.side() == Side.SELL) {
      BigDecimal held = account.getOrDefault(intent.instrument().base(), BigDecimal.ZERO);
      if (held.compareTo(intent.quantity().value()) < 0) {
        return reject(id, RiskCheck.INSUFFICIENT_HOLDINGS, "sells " + intent.quantity() + " " + intent.instrument().base() + " of "
            + held.toPlainString() + " held in " + intent.account());
      }
    } else {
      BigDecimal notional = intent.referencePrice().value().multiply(intent.quantity().value());
      BigDecimal cost = notional.add(notional.multiply(fee, MathContext.DECIMAL128));
      BigDecimal cash = account.getOrDefault(intent.instrument().quote(), BigDecimal.ZERO);
      if (cash.compareTo(cost) < 0) {
        return reject(id, RiskCheck.INSUFFICIENT_CASH, "costs " + cost.setScale(2, java.math.RoundingMode.UP).toPlainString() + " "
            + intent.instrument().quote() + " with the fee estimate; " + intent.account() + " has " + cash.toPlainString());
      }
    }
    return Optional.empty();
  }

  private static Optional<RiskRejection> reject(String id, RiskCheck check, String reason) {
    return Optional.of(new RiskRejection(id, check, reason));
  }
}
