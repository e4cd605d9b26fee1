package dev.ballast.engine.strategy.policy;

import dev.ballast.engine.execution.Side;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.planner.MultiAccountPlanner;
import dev.ballast.engine.planner.Plan;
import dev.ballast.engine.strategy.OrderIntent;
import dev.ballast.engine.strategy.PlanInputs;
import dev.ballast.engine.strategy.PolicyContext;
import dev.ballast.engine.strategy.RebalancePlan;
import dev.ballast.engine.strategy.StrategyPolicy;
import dev.ballast.engine.strategy.TradeRule;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-account plan sent through the strategy: {@link MultiAccountPlanner} on the journaled
 * planner inputs and tax model, each planned order an intent (the account's trade rule for the
 * asset gives the instrument, else the asset against the base currency), each order's reasoning and
 * each dropped trade a note. The strategy's mode then decides what happens to the intents: journaled
 * only (dry run) or screened by the risk gate and sent (paper, live). Not a policy a strategy is
 * configured with: it decides only what it is handed.
 */
public final class MultiAccountPlanPolicy implements StrategyPolicy {

  @Override
  public String name() {
    return MULTI_ACCOUNT_NAME;
  }

  @Override
  public RebalancePlan decide(String decisionId, PlanInputs in) {
    PolicyContext context = in.policy();
    if (context == null || context.planner() == null) {
      return new RebalancePlan(List.of(), List.of(), List.of(), List.of(),
          List.of("the " + name() + " policy decides only a plan it is handed (POST /api/portfolios/{portfolio}/plan)"), null);
    }
    Plan plan = new MultiAccountPlanner(context.planner().tax()).plan(context.planner().inputs());
    List<OrderIntent> sells = new ArrayList<>();
    List<OrderIntent> buys = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int n = 0;
    for (Plan.PlannedOrder o : plan.orders()) {
      n++;
      InstrumentId instrument = in.config().rules().stream()
          .filter(r -> r.account().equals(o.account()) && r.asset().equals(o.asset()))
          .map(TradeRule::instrument).findFirst()
          .orElse(InstrumentId.of(o.asset().value(), in.baseCurrency().value()));
      Price reference = new Price(o.price().amount(), o.price().currency());
      if (!instrument.quote().equals(in.baseCurrency())) {
        // the instrument trades in its own currency: its reference price is there, at the day's rate into the base
        java.math.BigDecimal rate = rateIntoBase(context.planner().fx(), instrument.quote(), in.baseCurrency());
        if (rate == null) {
          InstrumentId configured = instrument;
          instrument = InstrumentId.of(o.asset().value(), in.baseCurrency().value());
          notes.add("no " + configured.quote() + "/" + in.baseCurrency() + " rate for " + o.asset() + "'s instrument " + configured + " in "
              + o.account() + ": planned on " + instrument);
        } else {
          reference = new Price(o.price().amount().divide(rate, java.math.MathContext.DECIMAL64), instrument.quote());
        }
      }
      OrderIntent intent = new OrderIntent(decisionId + "/" + n, o.account(), instrument, o.side() == Plan.Side.BUY ? Side.BUY : Side.SELL,
          new Quantity(o.quantity()), reference, o.value());
      (o.side() == Plan.Side.SELL ? sells : buys).add(intent);
      notes.add(intent.intentId() + " " + o.side() + " " + o.quantity().toPlainString() + " " + o.asset() + " in " + o.account()
          + " (tax " + o.taxCost().amount().toPlainString() + ", fee " + o.fee().amount().toPlainString() + "): " + o.reason());
    }
    for (Plan.Dropped d : plan.dropped()) {
      notes.add("dropped " + d.side() + " " + d.asset() + (d.account() == null ? "" : " in " + d.account()) + ": " + d.reason());
    }
    List<OrderIntent> intents = new ArrayList<>(sells);
    intents.addAll(buys);

    // the state of the configured policy is not this plan's: null leaves it as it was
    return new RebalancePlan(List.of(), intents, List.of(), List.of(), List.of(), null, notes);
  }

  private static java.math.BigDecimal rateIntoBase(List<dev.ballast.engine.model.FxRate> fx, dev.ballast.engine.model.AssetId currency,
      dev.ballast.engine.model.AssetId base) {
    for (dev.ballast.engine.model.FxRate r : fx) {
      if (r.base().equals(currency) && r.quote().equals(base) && r.rate().signum() > 0) {
        return r.rate();
      }
    }
    return null;
  }
}
