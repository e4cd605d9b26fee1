package dev.ballast.engine.strategy;

import dev.ballast.engine.model.Decimals;
import dev.ballast.engine.regime.Regime;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The part of a decision's inputs beyond holdings and prices: the time of the decision, the
 * policy's settings, the state the previous decision left, and the market data a policy reads
 * (closes for momentum and regime allocation, the market regime), all journaled so a replay sees
 * exactly them.
 *
 * @param history closes per asset, oldest first, as known at the decision (empty for policies that read none)
 * @param regime the market regime at the decision (null when none was read)
 * @param planner the inputs of a multi-account plan sent through the strategy (null for every other decision)
 */
public record PolicyContext(Instant asOf, PolicySettings settings, PolicyState state, List<Series> history, Regime regime, Planner planner) {

  /** A context without market data. */
  public PolicyContext(Instant asOf, PolicySettings settings, PolicyState state) {
    this(asOf, settings, state, List.of(), null);
  }

  /** A context without a multi-account plan's inputs. */
  public PolicyContext(Instant asOf, PolicySettings settings, PolicyState state, List<Series> history, Regime regime) {
    this(asOf, settings, state, history, regime, null);
  }

  /**
   * What a multi-account plan sent through the strategy is computed from: the accounts' lots, cash,
   * venues and prices, and the tax model in force (journaled, so a replay taxes as the decision did);
   * {@code fx} the rates into the base currency of the day, by which an intent on an instrument
   * quoted in another currency gets its reference price there.
   */
  public record Planner(dev.ballast.engine.planner.PlannerInputs inputs, dev.ballast.engine.planner.TaxModel tax,
      // left out when empty: a decision journaled before rates were kept here writes back as it was stored
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
      List<dev.ballast.engine.model.FxRate> fx) {
    public Planner {
      Objects.requireNonNull(inputs, "inputs");
      Objects.requireNonNull(tax, "tax");
      fx = fx == null ? List.of() : List.copyOf(fx);
    }

    /** Inputs all in the base currency: no rate needed. */
    public Planner(dev.ballast.engine.planner.PlannerInputs inputs, dev.ballast.engine.planner.TaxModel tax) {
      this(inputs, tax, List.of());
    }
  }

  public PolicyContext {
    state = state == null ? PolicyState.NONE : state;
    history = history == null ? List.of() : List.copyOf(history);
  }

  /** This context completed by the entity with the decision's time, settings and previous state. */
  public PolicyContext at(Instant time, PolicySettings policySettings, PolicyState previous) {
    return new PolicyContext(time, policySettings, previous, history, regime, planner);
  }

  /** The closes of one asset, oldest first. */
  public record Series(String asset, List<Close> closes) {
    public Series {
      Objects.requireNonNull(asset, "asset");
      closes = List.copyOf(closes);
    }
  }

  public record Close(LocalDate date, BigDecimal value) {
    public Close {
      Objects.requireNonNull(date, "date");
      value = Decimals.shortest(Objects.requireNonNull(value, "value"));
    }
  }
}
