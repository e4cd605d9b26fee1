package dev.ballast.engine.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a journaled decision's policy again on its journaled inputs and says where the result
 * differs from what was decided: the check behind {@code ballast audit explain}.
 */
public final class DecisionReplay {
  private DecisionReplay() {}

  /** The decision, the plan made again, and the differences (empty: identical). */
  public record Explanation(Strategy.RebalanceDecided decision, RebalancePlan replayed, List<String> differences) {
    public Explanation {
      differences = List.copyOf(differences);
    }

    public boolean identical() {
      return differences.isEmpty();
    }
  }

  public static Explanation explain(Strategy.RebalanceDecided decision) {
    Optional<StrategyPolicy> policy = StrategyPolicy.byName(decision.policy());
    if (policy.isEmpty()) {
      return new Explanation(decision, null, List.of("the decision's policy " + decision.policy() + " is not known to this version"));
    }
    RebalancePlan again = policy.get().decide(decision.decisionId(), decision.inputs());
    return new Explanation(decision, again, differences(decision.plan(), again));
  }

  static List<String> differences(RebalancePlan journaled, RebalancePlan again) {
    List<String> out = new ArrayList<>();
    int n = Math.max(journaled.intents().size(), again.intents().size());
    for (int i = 0; i < n; i++) {
      Object was = i < journaled.intents().size() ? journaled.intents().get(i) : null;
      Object now = i < again.intents().size() ? again.intents().get(i) : null;
      if (was == null || !was.equals(now)) {
        out.add("intent " + (i + 1) + ": journaled " + (was == null ? "none" : was) + ", replayed " + (now == null ? "none" : now));
      }
    }
    compare("drift", journaled.drift(), again.drift(), out);
    compare("projected drift", journaled.projected(), again.projected(), out);
    compare("unresolved", journaled.unresolved(), again.unresolved(), out);
    compare("problems", journaled.problems(), again.problems(), out);
    compare("notes", journaled.notes(), again.notes(), out);
    // the state handed to the next decision is part of what was decided: a carry or a bucket that differs would change every later decision
    if (!java.util.Objects.equals(journaled.nextState(), again.nextState())) {
      out.add("next policy state: journaled " + journaled.nextState() + ", replayed " + again.nextState());
    }
    return out;
  }

  private static void compare(String what, List<?> was, List<?> now, List<String> out) {
    if (!was.equals(now)) {
      out.add(what + ": journaled " + was + ", replayed " + now);
    }
  }
}
