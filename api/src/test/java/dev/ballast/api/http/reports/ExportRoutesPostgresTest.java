package dev.ballast.api.http.reports;

import dev.ballast.persistence.testing.TestDatabases;

/** The exports on embedded PostgreSQL: the cursor reads, the decisions and the annotations read table included. */
class ExportRoutesPostgresTest extends ExportRoutesContract {
  @Override
  String databaseConfig() {
    return TestDatabases.hocon(TestDatabases.postgres());
  }
}
