package dev.ballast.engine.strategy;

import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FxRateProvider;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.engine.strategy.PlanInputs.Holding;
import dev.ballast.engine.strategy.PlanInputs.PricePoint;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The inputs of a check read from the entities (the Portfolio for its targets and accounts, each
 * AccountLedger for its holdings), the latest prices and the FX provider. A missing price or rate
 * is left out: the planner names it as a problem and plans nothing.
 */
public final class ShardedStrategyInputs implements StrategyInputs {
  private final ClusterSharding sharding;
  private final Duration timeout;
  private final LatestPrices prices;
  private final FxRateProvider fx;
  private final Clock clock;

  public ShardedStrategyInputs(ClusterSharding sharding, Duration timeout, LatestPrices prices, FxRateProvider fx, Clock clock) {
    this.sharding = sharding;
    this.timeout = timeout;
    this.prices = prices;
    this.fx = fx;
    this.clock = clock;
  }

  @Override
  public CompletionStage<PlanInputs> gather(PortfolioId portfolio, RebalanceConfig config) {
    return sharding.entityRefFor(Portfolio.ENTITY_KEY, portfolio.value())
        .<Portfolio.State>ask(Portfolio.Get::new, timeout)
        .thenCompose(state -> {
          if (!(state instanceof Portfolio.Active active)) {
            throw new StrategyInputsException("no portfolio " + portfolio);
          }
          List<CompletableFuture<List<Holding>>> holdings = new ArrayList<>();
          for (AccountId account : active.accounts()) {
            holdings.add(holdingsOf(account).toCompletableFuture());
          }
          return CompletableFuture.allOf(holdings.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Holding> all = new ArrayList<>();
            holdings.forEach(h -> all.addAll(h.join()));
            return inputs(active, all, config);
          });
        });
  }

  private CompletionStage<List<Holding>> holdingsOf(AccountId account) {
    return sharding.entityRefFor(AccountLedger.ENTITY_KEY, account.value())
        .<AccountLedger.State>ask(AccountLedger.Get::new, timeout)
        .thenApply(state -> {
          if (!(state instanceof AccountLedger.OpenAccount open)) {
            throw new StrategyInputsException("account " + account + " of the portfolio is not open");
          }
          List<Holding> out = new ArrayList<>();
          open.book().cash().forEach((asset, q) -> {
            if (q.signum() != 0) {
              out.add(new Holding(account, asset, q));
            }
          });
          open.book().positions().forEach((asset, p) -> {
            if (p.quantity().signum() != 0) {
              out.add(new Holding(account, asset, p.quantity()));
            }
          });
          return out;
        });
  }

  private PlanInputs inputs(Portfolio.Active portfolio, List<Holding> holdings, RebalanceConfig config) {
    AssetId base = portfolio.baseCurrency();
    List<PricePoint> points = new ArrayList<>();
    TreeSet<AssetId> currencies = new TreeSet<>();
    for (TradeRule rule : config.rules()) {
      Optional<Quote> quote = prices.latest(rule.instrument());
      quote.ifPresent(q -> points.add(new PricePoint(rule.instrument(), LatestPrices.mark(q), q.time())));
      currencies.add(rule.instrument().quote());
    }
    holdings.stream().map(Holding::asset).filter(AssetId::isFiat).forEach(currencies::add);
    currencies.remove(base);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<dev.ballast.engine.model.FxRate> rates = new ArrayList<>();
    List<PlanInputs.FxAsOf> origins = new ArrayList<>();
    for (AssetId currency : currencies) {
      Optional<java.math.BigDecimal> rate = fx.rate(currency, base, today).filter(r -> r.signum() > 0);
      rate.ifPresent(r -> rates.add(new dev.ballast.engine.model.FxRate(currency, base, r)));
      if (rate.isPresent() && fx instanceof DatedFx dated) {
        dated.asOf(currency, base, today).ifPresent(origins::add);
      }
    }
    return new PlanInputs(base, holdings, points, rates, portfolio.target(), config, origins);
  }

}
