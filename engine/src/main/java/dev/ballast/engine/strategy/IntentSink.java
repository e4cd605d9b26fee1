package dev.ballast.engine.strategy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Port: where a strategy in paper or live mode sends the intents of a decision once it is
 * journaled (the risk gate, then execution). A dry-run strategy sends nothing. The stage completes
 * once every intent is journaled where it went (an intent sent again is taken once); until then the
 * strategy sends them again after a failure or a restart.
 */
public interface IntentSink {
  CompletionStage<Void> submit(String decisionId, StrategyMode mode, List<OrderIntent> intents);

  IntentSink NONE = (decisionId, mode, intents) -> CompletableFuture.completedFuture(null);
}
