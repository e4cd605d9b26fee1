package dev.ballast.api.http.strategies;

import dev.ballast.api.http.Fields;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.engine.strategy.PolicySettings;
import dev.ballast.engine.strategy.RebalanceConfig;
import dev.ballast.engine.strategy.StrategyConfig;
import dev.ballast.engine.strategy.StrategyMode;
import dev.ballast.engine.strategy.TradeRule;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code PUT /api/strategies/{portfolio}}: a strategy's whole configuration. */
public record StrategyRequest(
    String policy, StrategyMode mode, String checkInterval, BigDecimal absoluteBandPercent, BigDecimal relativeBandPercent,
    Amount minTradeValue, BigDecimal feeEstimateBps, Amount cashBuffer, List<Rule> rules, Risk risk, Settings policySettings) {

  /** A configuration of a policy without settings of its own. */
  public StrategyRequest(String policy, StrategyMode mode, String checkInterval, BigDecimal absoluteBandPercent,
      BigDecimal relativeBandPercent, Amount minTradeValue, BigDecimal feeEstimateBps, Amount cashBuffer, List<Rule> rules, Risk risk) {
    this(policy, mode, checkInterval, absoluteBandPercent, relativeBandPercent, minTradeValue, feeEstimateBps, cashBuffer, rules, risk, null);
  }

  /**
   * The settings of DCA / value averaging ({@code dca}), staggered buckets ({@code buckets}), momentum
   * rotation ({@code momentum}) and regime allocation ({@code regime}); periods are ISO-8601 durations.
   */
  public record Settings(Dca dca, Buckets buckets, Momentum momentum, Regime regime) {}

  public record Momentum(List<String> universe, Integer top) {}

  public record Regime(Map<String, String> groups, String objective, Integer windowDays) {}

  public record Dca(Amount amount, String period) {}

  public record Buckets(String period) {}

  public record Amount(BigDecimal amount, String currency) {}

  public record Rule(String asset, String account, String instrument, BigDecimal lotStep, BigDecimal minQuantity) {}

  public record Risk(Amount maxOrderValue, Amount maxDailyTurnover, BigDecimal priceBandBps, String maxPriceAge, List<String> allowedInstruments) {}

  /** The engine's configuration, or null with every problem in {@code errors} naming its field. */
  StrategyConfig toConfig(List<FieldError> errors) {
    Duration interval = Fields.parse(0, "checkInterval", checkInterval, StrategyRequest::duration, errors);
    for (String field : List.of("absoluteBandPercent", "relativeBandPercent", "feeEstimateBps")) {
      BigDecimal v = switch (field) {
        case "absoluteBandPercent" -> absoluteBandPercent;
        case "relativeBandPercent" -> relativeBandPercent;
        default -> feeEstimateBps;
      };
      InputLimits.decimal(0, field, v, InputLimits.AMOUNT, errors);
    }
    Money minTrade = money("minTradeValue", minTradeValue, true, errors);
    Money buffer = cashBuffer == null && minTrade != null ? Money.zero(minTrade.currency()) : money("cashBuffer", cashBuffer, true, errors);
    List<TradeRule> tradeRules = new ArrayList<>();
    if (rules == null || rules.isEmpty()) {
      errors.add(new FieldError(0, "rules", "at least one rule (asset, account, instrument) is required"));
    } else if (rules.size() > InputLimits.MAX_TARGETS) {
      errors.add(new FieldError(0, "rules", "at most " + InputLimits.MAX_TARGETS));
    } else {
      for (int i = 0; i < rules.size(); i++) {
        Rule r = rules.get(i);
        String f = "rules[" + i + "]";
        if (r == null) {
          errors.add(new FieldError(0, f, "is null; expected an object"));
          continue;
        }
        AssetId asset = Fields.require(0, f + ".asset", r.asset(), errors) ? Fields.parse(0, f + ".asset", r.asset(), AssetId::of, errors) : null;
        AccountId account = Fields.require(0, f + ".account", r.account(), errors) ? Fields.parse(0, f + ".account", r.account(), AccountId::of, errors) : null;
        InstrumentId instrument = Fields.require(0, f + ".instrument", r.instrument(), errors)
            ? Fields.parse(0, f + ".instrument", r.instrument(), InstrumentId::parse, errors) : null;
        InputLimits.decimal(0, f + ".lotStep", r.lotStep(), InputLimits.AMOUNT, errors);
        InputLimits.decimal(0, f + ".minQuantity", r.minQuantity(), InputLimits.AMOUNT, errors);
        if (asset != null && account != null && instrument != null) {
          try {
            tradeRules.add(new TradeRule(asset, account, instrument, r.lotStep(), r.minQuantity()));
          } catch (IllegalArgumentException e) {
            errors.add(new FieldError(0, f, e.getMessage()));
          }
        }
      }
    }
    RiskLimits limits = null;
    if (risk != null) {
      Money maxOrder = money("risk.maxOrderValue", risk.maxOrderValue(), true, errors);
      Money maxTurnover = money("risk.maxDailyTurnover", risk.maxDailyTurnover(), true, errors);
      Fields.require(0, "risk.priceBandBps", risk.priceBandBps(), errors);
      InputLimits.decimal(0, "risk.priceBandBps", risk.priceBandBps(), InputLimits.AMOUNT, errors);
      Duration age = Fields.require(0, "risk.maxPriceAge", risk.maxPriceAge(), errors)
          ? Fields.parse(0, "risk.maxPriceAge", risk.maxPriceAge(), StrategyRequest::duration, errors) : null;
      List<InstrumentId> allowed = null;
      if (risk.allowedInstruments() != null) {
        allowed = new ArrayList<>();
        for (int i = 0; i < risk.allowedInstruments().size(); i++) {
          InstrumentId id = Fields.parse(0, "risk.allowedInstruments[" + i + "]", risk.allowedInstruments().get(i), InstrumentId::parse, errors);
          if (id != null) {
            allowed.add(id);
          }
        }
      }
      if (errors.isEmpty()) {
        try {
          limits = new RiskLimits(maxOrder, maxTurnover, risk.priceBandBps(), age, allowed);
        } catch (IllegalArgumentException e) {
          errors.add(new FieldError(0, "risk", e.getMessage()));
        }
      }
    }
    PolicySettings settings = null;
    if (policySettings != null) {
      PolicySettings.Dca dca = null;
      if (policySettings.dca() != null) {
        Money amount = money("policySettings.dca.amount", policySettings.dca().amount(), true, errors);
        Duration period = Fields.require(0, "policySettings.dca.period", policySettings.dca().period(), errors)
            ? Fields.parse(0, "policySettings.dca.period", policySettings.dca().period(), StrategyRequest::duration, errors) : null;
        dca = new PolicySettings.Dca(amount, period);
      }
      PolicySettings.Buckets buckets = null;
      if (policySettings.buckets() != null) {
        Duration period = Fields.require(0, "policySettings.buckets.period", policySettings.buckets().period(), errors)
            ? Fields.parse(0, "policySettings.buckets.period", policySettings.buckets().period(), StrategyRequest::duration, errors) : null;
        buckets = new PolicySettings.Buckets(period);
      }
      PolicySettings.Momentum momentum = null;
      if (policySettings.momentum() != null) {
        List<String> universe = policySettings.momentum().universe();
        if (universe != null && universe.size() > InputLimits.MAX_TARGETS) {
          errors.add(new FieldError(0, "policySettings.momentum.universe", "at most " + InputLimits.MAX_TARGETS));
        } else if (universe != null) {
          for (int i = 0; i < universe.size(); i++) {
            Fields.parse(0, "policySettings.momentum.universe[" + i + "]", universe.get(i), AssetId::of, errors);
          }
        }
        momentum = new PolicySettings.Momentum(universe, policySettings.momentum().top());
      }
      PolicySettings.RegimeAllocation regime = null;
      if (policySettings.regime() != null) {
        Map<String, String> groups = policySettings.regime().groups();
        if (groups != null && groups.size() > InputLimits.MAX_TARGETS) {
          errors.add(new FieldError(0, "policySettings.regime.groups", "at most " + InputLimits.MAX_TARGETS));
        } else if (groups != null) {
          groups.keySet().forEach(a -> Fields.parse(0, "policySettings.regime.groups", a, AssetId::of, errors));
        }
        InputLimits.text(0, "policySettings.regime.objective", policySettings.regime().objective(), InputLimits.TARGET_KEY, errors);
        regime = new PolicySettings.RegimeAllocation(groups, policySettings.regime().objective(), policySettings.regime().windowDays());
      }
      settings = new PolicySettings(dca, buckets, momentum, regime);
    }
    if (!errors.isEmpty()) {
      return null;
    }
    try {
      StrategyConfig config = new StrategyConfig(policy, new RebalanceConfig(absoluteBandPercent, relativeBandPercent, minTrade,
          feeEstimateBps, buffer, tradeRules), mode, interval, limits, settings);
      errors.addAll(config.problems());
      return errors.isEmpty() ? config : null;
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(0, "config", e.getMessage()));
      return null;
    }
  }

  /** An ISO-8601 duration; text that is not one is a field error, not a failed request (DateTimeParseException is no IllegalArgumentException). */
  private static Duration duration(String text) {
    try {
      return Duration.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("is not an ISO-8601 duration (PT5M, P7D): " + text);
    }
  }

  private static Money money(String field, Amount amount, boolean required, List<FieldError> errors) {
    if (amount == null) {
      if (required) {
        errors.add(new FieldError(0, field, "is required: {amount, currency}"));
      }
      return null;
    }
    InputLimits.decimal(0, field + ".amount", amount.amount(), InputLimits.AMOUNT, errors);
    AssetId currency = Fields.require(0, field + ".currency", amount.currency(), errors)
        ? Fields.parse(0, field + ".currency", amount.currency(), AssetId::of, errors) : null;
    if (!Fields.require(0, field + ".amount", amount.amount(), errors) || currency == null) {
      return null;
    }
    return new Money(amount.amount(), currency);
  }
}
