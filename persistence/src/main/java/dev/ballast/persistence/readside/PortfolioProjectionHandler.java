package dev.ballast.persistence.readside;

import dev.ballast.engine.portfolio.Portfolio;
import java.sql.Connection;
import java.util.List;
import org.apache.pekko.projection.eventsourced.EventEnvelope;

/** Keeps the portfolios and portfolio_accounts tables of one slice. */
public final class PortfolioProjectionHandler extends GroupHandler<Portfolio.Event> {
  private final ReadSideRepository repository;

  public PortfolioProjectionHandler(ReadSideRepository repository) {
    this.repository = repository;
  }

  @Override
  protected void apply(Connection c, List<EventEnvelope<Portfolio.Event>> envelopes) throws Exception {
    for (EventEnvelope<Portfolio.Event> envelope : envelopes) {
      Portfolio.Event event = envelope.event();
      if (event instanceof Portfolio.PortfolioCreated e) {
        repository.portfolioCreated(c, e);
      } else if (event instanceof Portfolio.AccountAttached e) {
        repository.accountAttached(c, e);
      } else if (event instanceof Portfolio.AccountDetached e) {
        repository.accountDetached(c, e);
      } else if (event instanceof Portfolio.TargetAllocationSet e) {
        repository.targetAllocationSet(c, e);
      } else {
        throw unknownEvent(envelope);
      }
    }
  }
}
