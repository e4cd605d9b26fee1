package dev.ballast.api.server;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.regime.MarketRegime;
import dev.ballast.engine.regime.Regime;
import dev.ballast.engine.strategy.PolicyContext;
import dev.ballast.engine.strategy.PolicySettings;
import dev.ballast.engine.strategy.Strategy;
import dev.ballast.engine.strategy.StrategyConfig;
import dev.ballast.engine.strategy.StrategyPolicy;
import dev.ballast.engine.strategy.TradeRule;
import dev.ballast.engine.strategy.policy.MomentumRotation;
import dev.ballast.engine.strategy.policy.RegimeAllocationPolicy;
import dev.ballast.persistence.marketdata.PriceStore;
import dev.ballast.persistence.marketdata.StoredBar;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The market data of the momentum and regime-allocation policies, as known at a check: the daily
 * closes of the price store (adjusted where the source gave them) up to the day before, for the
 * instrument each asset's trade rule names, and the crypto market's regime.
 */
record StrategyMarketData(PriceStore prices, ClusterSharding sharding, Duration timeout, Clock clock, Executor blocking)
    implements Strategy.PolicyData {
  // 12-1 momentum reads thirteen month ends back; a little more covers a month's first trading days
  private static final int MOMENTUM_DAYS = 400;

  @Override
  public CompletionStage<PolicyContext> gather(PortfolioId portfolio, StrategyConfig config) {
    PolicySettings settings = config.policySettings();
    List<String> assets;
    int days;
    boolean regime = false;
    if (StrategyPolicy.MOMENTUM_NAME.equals(config.policy())) {
      assets = settings == null || settings.momentum() == null || settings.momentum().universe() == null
          ? MomentumRotation.DEFAULT_UNIVERSE : settings.momentum().universe();
      days = MOMENTUM_DAYS;
    } else if (StrategyPolicy.REGIME_NAME.equals(config.policy()) && settings != null && settings.regime() != null) {
      assets = List.copyOf(settings.regime().groups().keySet());
      int window = settings.regime().windowDays() == null ? RegimeAllocationPolicy.DEFAULT_WINDOW_DAYS : settings.regime().windowDays();
      // weekends and gaps: twice the window finds its days where an asset does not trade daily
      days = window * 2 + 10;
      regime = true;
    } else {
      return Strategy.PolicyData.NONE.gather(portfolio, config);
    }
    LocalDate to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
    LocalDate from = to.minusDays(days);
    CompletableFuture<List<PolicyContext.Series>> history = CompletableFuture.supplyAsync(() -> {
      List<PolicyContext.Series> out = new ArrayList<>();
      for (String asset : assets) {
        TradeRule rule = config.rebalance().rules().stream().filter(r -> r.asset().equals(AssetId.of(asset))).findFirst().orElse(null);
        if (rule == null) {
          continue;
        }
        Map<LocalDate, BigDecimal> byDay = new TreeMap<>();
        for (StoredBar bar : prices.bars(rule.instrument(), from, to)) {
          BigDecimal close = bar.adjustedClose() != null ? bar.adjustedClose() : bar.close();
          if (close != null) {
            byDay.put(bar.date(), close);
          }
        }
        List<PolicyContext.Close> closes = new ArrayList<>();
        byDay.forEach((d, v) -> closes.add(new PolicyContext.Close(d, v)));
        out.add(new PolicyContext.Series(asset, closes));
      }
      return out;
    }, blocking);
    CompletableFuture<Regime> current = regime
        ? sharding.entityRefFor(MarketRegime.ENTITY_KEY, MarketRegime.CRYPTO)
            .<MarketRegime.Status>ask(MarketRegime.GetStatus::new, timeout).thenApply(MarketRegime.Status::regime).toCompletableFuture()
        : CompletableFuture.completedFuture(null);
    return history.thenCombine(current, (h, r) -> new PolicyContext(null, null, null, h, r));
  }
}
