package dev.ballast.engine.strategy;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.engine.strategy.PlanInputs.Holding;
import dev.ballast.engine.strategy.PlanInputs.PricePoint;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small builders of planner inputs for the strategy tests. */
final class PlanFixtures {
  static final AccountId ACCOUNT = AccountId.of("paper");
  static final AssetId JPY = AssetId.of("JPY");
  static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");

  private PlanFixtures() {}

  static InstrumentId jpyPair(String asset) {
    return InstrumentId.of(asset, "JPY");
  }

  static TradeRule rule(String asset, String step) {
    return new TradeRule(AssetId.of(asset), ACCOUNT, jpyPair(asset), new BigDecimal(step), BigDecimal.ZERO);
  }

  static Holding holding(String asset, String quantity) {
    return new Holding(ACCOUNT, AssetId.of(asset), new BigDecimal(quantity));
  }

  static PricePoint price(String asset, String value) {
    return new PricePoint(jpyPair(asset), Price.of(value, "JPY"), AT);
  }

  static TargetAllocation targets(Object... keyWeight) {
    List<TargetAllocation.Target> out = new ArrayList<>();
    for (int i = 0; i < keyWeight.length; i += 2) {
      out.add(new TargetAllocation.Target((String) keyWeight[i], new BigDecimal(keyWeight[i + 1].toString())));
    }
    return new TargetAllocation(TargetAllocation.Kind.ASSET, out, null);
  }

  static RebalanceConfig config(String absBand, String feeBps, String minTrade, String buffer, List<TradeRule> rules) {
    return new RebalanceConfig(absBand == null ? null : new BigDecimal(absBand), null, Money.of(minTrade, "JPY"),
        new BigDecimal(feeBps), Money.of(buffer, "JPY"), rules);
  }
}
