package dev.ballast.engine.strategy;

/** What a strategy does with its decisions: journal them only, trade on the simulated venue, or trade for real. */
public enum StrategyMode {
  /** Decisions are journaled; no intent goes anywhere. The default. */
  DRY_RUN,
  PAPER,
  LIVE
}
