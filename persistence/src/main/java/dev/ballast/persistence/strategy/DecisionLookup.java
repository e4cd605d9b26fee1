package dev.ballast.persistence.strategy;

import dev.ballast.engine.strategy.Strategy;
import dev.ballast.persistence.journal.JournalScan;
import dev.ballast.engine.model.PortfolioId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds one journaled decision by its id ({@code portfolio:N}) in the Strategy entity's events. */
public final class DecisionLookup {
  private final JournalScan scan;

  public DecisionLookup(JournalScan scan) {
    this.scan = scan;
  }

  public Optional<Strategy.RebalanceDecided> find(String decisionId) {
    String persistenceId = Strategy.persistenceId(Strategy.portfolioOf(decisionId)).id();
    Strategy.RebalanceDecided[] found = {null};
    scan.forEach(persistenceId, e -> {
      if (found[0] == null && e.event() instanceof Strategy.RebalanceDecided d && d.decisionId().equals(decisionId)) {
        found[0] = d;
      }
    });
    return Optional.ofNullable(found[0]);
  }
}
