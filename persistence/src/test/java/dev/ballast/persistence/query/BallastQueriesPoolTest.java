package dev.ballast.persistence.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.db.Sql;
import dev.ballast.persistence.testing.TestBackend;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read holds one pooled connection at a time: a portfolio with its accounts is read on a pool of
 * one. One read taking a second connection while holding the first deadlocked the server's pool
 * under 64 concurrent snapshot requests (every connection held, each holder waiting for another).
 */
class BallastQueriesPoolTest {
  @TempDir Path dir;

  @Test
  void aPortfolioAndItsAccountsAreReadOnOneConnection() {
    DatabaseSettings h2 = TestBackend.H2.newDatabase(dir);
    try (Database database = Database.open(new DatabaseSettings(h2.kind(), h2.url(), h2.user(), h2.password(), h2.schema(), 1))) {
      database.migrate();
      database.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO portfolios (portfolio_id, name, base_currency, created_at) VALUES (?, ?, ?, ?)")) {
          ps.setString(1, "p1");
          ps.setString(2, "One");
          ps.setString(3, "JPY");
          Sql.setInstant(ps, 4, Instant.parse("2026-12-01T00:00:00Z"));
          ps.executeUpdate();
        }
        for (String account : List.of("b", "a")) {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO portfolio_accounts (portfolio_id, account_id) VALUES (?, ?)")) {
            ps.setString(1, "p1");
            ps.setString(2, account);
            ps.executeUpdate();
          }
        }
        return null;
      });
      BallastQueries queries = new BallastQueries(database);
      // with a second connection taken inside the first, each of these waits for the pool's timeout and fails
      assertEquals(List.of("a", "b"), queries.portfolio("p1").orElseThrow().accounts());
      assertEquals(List.of("p1"), queries.portfolios().stream().map(PortfolioRow::portfolioId).toList());
      assertEquals(List.of("a", "b"), queries.portfolios().get(0).accounts());
    }
  }
}
