package dev.ballast.persistence.readside;

import dev.ballast.engine.portfolio.Portfolio;
import dev.ballast.persistence.db.DataSourceJdbcSession;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;

/** Keeps the portfolios and portfolio_accounts tables. */
public final class PortfolioProjectionHandler extends JdbcHandler<EventEnvelope<Portfolio.Event>, DataSourceJdbcSession> {
  private final ReadSideRepository repository;

  public PortfolioProjectionHandler(ReadSideRepository repository) {
    this.repository = repository;
  }

  @Override
  public void process(DataSourceJdbcSession session, EventEnvelope<Portfolio.Event> envelope) throws Exception {
    session.withConnection(
        c -> {
          Portfolio.Event event = envelope.event();
          if (event instanceof Portfolio.PortfolioCreated e) {
            repository.portfolioCreated(c, e);
          } else if (event instanceof Portfolio.AccountAttached e) {
            repository.accountAttached(c, e);
          } else if (event instanceof Portfolio.AccountDetached e) {
            repository.accountDetached(c, e);
          } else if (event instanceof Portfolio.TargetAllocationSet e) {
            repository.targetAllocationSet(c, e);
          }
          return null;
        });
  }
}
