package dev.ballast.api.ws;

import dev.ballast.engine.marketdata.live.Holdings;
import dev.ballast.engine.marketdata.live.HoldingsSource;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.PortfolioId;
import dev.ballast.persistence.query.BallastQueries;
import dev.ballast.persistence.query.PortfolioRow;
import dev.ballast.persistence.query.PositionRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** Every portfolio's holdings from the read side's positions, summed over its accounts. */
public final class ReadSideHoldings implements HoldingsSource {
  private final BallastQueries queries;
  private final Executor blocking;

  public ReadSideHoldings(BallastQueries queries, Executor blocking) {
    this.queries = queries;
    this.blocking = blocking;
  }

  @Override
  public CompletionStage<List<Holdings>> holdings() {
    return CompletableFuture.supplyAsync(() -> {
      List<Holdings> all = new ArrayList<>();
      for (PortfolioRow portfolio : queries.portfolios()) {
        Map<AssetId, BigDecimal> quantities = new TreeMap<>();
        for (PositionRow position : queries.portfolioPositions(portfolio.portfolioId())) {
          quantities.merge(AssetId.of(position.asset()), position.quantity(), BigDecimal::add);
        }
        all.add(new Holdings(PortfolioId.of(portfolio.portfolioId()), AssetId.of(portfolio.baseCurrency()), quantities));
      }
      return all;
    }, blocking);
  }
}
