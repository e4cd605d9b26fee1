package dev.ballast.engine.strategy;

import java.util.List;

/**
 * Port: where a strategy in paper or live mode sends the intents of a decision once it is
 * journaled (the risk gate, then execution). A dry-run strategy sends nothing.
 */
public interface IntentSink {
  void submit(String decisionId, StrategyMode mode, List<OrderIntent> intents);

  IntentSink NONE = (decisionId, mode, intents) -> {};
}
