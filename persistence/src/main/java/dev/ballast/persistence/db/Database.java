package dev.ballast.persistence.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The connection pool of the read side and the schema migrations. {@link #migrate()} creates every
 * table on the first start and changes nothing on later ones.
 */
public final class Database implements AutoCloseable {
  private final DatabaseSettings settings;
  private final HikariDataSource dataSource;

  private Database(DatabaseSettings settings, HikariDataSource dataSource) {
    this.settings = settings;
    this.dataSource = dataSource;
  }

  public static Database open(DatabaseSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("ballast-read-side");
    config.setJdbcUrl(settings.connectionUrl());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setDriverClassName(settings.driver());
    config.setMaximumPoolSize(settings.poolSize());
    config.setMinimumIdle(1);
    config.setAutoCommit(false);
    return new Database(settings, new HikariDataSource(config));
  }

  /** Applies the migrations not yet applied; returns how many ran. */
  public int migrate() {
    return migrate(null);
  }

  /** Applies the migrations not yet applied up to {@code target} (all when null); returns how many ran. */
  int migrate(MigrationVersion target) {
    Flyway flyway = flyway(target, true).load();
    boolean failedOpenKey = false;
    for (MigrationInfo info : flyway.info().all()) {
      failedOpenKey |= OpenAlertDuplicates.isOpenKey(info) && info.getState() == MigrationState.FAILED;
    }
    if (failedOpenKey) {
      String history = flyway.getConfiguration().getTable();
      inTransaction(c -> {
        OpenAlertDuplicates.undoFailedOpenKey(c, history);
        return null;
      });
    }
    MigrateResult result = flyway.migrate();
    return result.migrationsExecuted;
  }

  /** The migrations of this database; {@code withRepairs} false is Flyway as it was before {@link OpenAlertDuplicates}. */
  FluentConfiguration flyway(MigrationVersion target, boolean withRepairs) {
    boolean h2 = settings.kind() == DatabaseSettings.Kind.H2;
    var flyway = Flyway.configure()
        .dataSource(settings.url(), settings.user(), settings.password())
        // versions are numbered per area (V10 market data, V11 imports, ...; docs/read-side.md):
        // an area's new migration may carry a lower number than one already applied of another
        .outOfOrder(true)
        .locations("classpath:db/migration/common", "classpath:db/migration/" + (h2 ? "h2" : "postgresql"))
        .placeholders(Map.of(
            "decimal", h2 ? "DECFLOAT" : "NUMERIC",
            "text", h2 ? "CLOB" : "TEXT",
            "instant", h2 ? "TIMESTAMP(9) WITH TIME ZONE" : "TIMESTAMP(6) WITH TIME ZONE"));
    if (settings.kind() == DatabaseSettings.Kind.POSTGRES) {
      flyway = flyway.schemas(settings.schema()).defaultSchema(settings.schema()).createSchemas(true);
    }
    if (target != null) {
      flyway = flyway.target(target);
    }
    if (withRepairs) {
      flyway = flyway.callbacks(new OpenAlertDuplicates(Clock.systemUTC()));
    }
    return flyway;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public DatabaseSettings settings() {
    return settings;
  }

  public Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T inTransaction(SqlWork<T> work) {
    try (Connection c = connection()) {
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new DatabaseException(e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  /** Work on one connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
