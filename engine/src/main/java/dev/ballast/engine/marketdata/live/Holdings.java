package dev.ballast.engine.marketdata.live;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.PortfolioId;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** What a portfolio holds, summed over its accounts, as the read side has it; cash as its currency. */
public record Holdings(PortfolioId portfolio, AssetId baseCurrency, Map<AssetId, BigDecimal> quantities) {
  public Holdings {
    Objects.requireNonNull(portfolio, "portfolio");
    Objects.requireNonNull(baseCurrency, "baseCurrency");
    quantities = java.util.Collections.unmodifiableMap(new TreeMap<>(quantities));
  }
}
