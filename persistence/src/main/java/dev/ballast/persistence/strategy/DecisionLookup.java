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

  /** A decision with the risk gate's verdict on its intents (null in dry run, or before it was screened). */
  public record Decision(Strategy.RebalanceDecided decided, Strategy.IntentsScreened screened) {}

  /**
   * A page of a portfolio's decisions, newest first. Read from the journal: the strategy's own
   * events are the only copy (no read table yet), so a page costs a scan of that one entity.
   */
  public List<Decision> page(PortfolioId portfolio, int offset, int limit) {
    List<Strategy.RebalanceDecided> decided = new ArrayList<>();
    Map<String, Strategy.IntentsScreened> screened = new HashMap<>();
    scan.forEach(Strategy.persistenceId(portfolio).id(), e -> {
      if (e.event() instanceof Strategy.RebalanceDecided d) {
        decided.add(d);
      } else if (e.event() instanceof Strategy.IntentsScreened s) {
        screened.put(s.decisionId(), s);
      }
    });
    Collections.reverse(decided);
    return decided.stream().skip(offset).limit(limit).map(d -> new Decision(d, screened.get(d.decisionId()))).toList();
  }
}
