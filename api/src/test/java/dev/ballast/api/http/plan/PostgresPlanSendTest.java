package dev.ballast.api.http.plan;

import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.testing.TestDatabases;

/** The plan, its currencies and its sending through the strategy, on PostgreSQL. */
class PostgresPlanSendTest extends PlanSendTest {
  @Override
  DatabaseSettings database() {
    return TestDatabases.postgres();
  }
}
