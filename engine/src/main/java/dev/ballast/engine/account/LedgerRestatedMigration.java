package dev.ballast.engine.account;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Reads older versions of {@link AccountLedger.LedgerRestated}. Version 2 names the currency of a
 * closed lot's proceeds when it is not the lot's cost currency, as version 3 of {@code
 * TransactionRecorded} does; version 1 reads unchanged, its proceeds as in the cost currency.
 */
public final class LedgerRestatedMigration extends JacksonMigration {

  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    return json;
  }
}
