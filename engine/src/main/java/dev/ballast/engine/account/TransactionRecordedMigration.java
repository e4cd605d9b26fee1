package dev.ballast.engine.account;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Reads older versions of {@link AccountLedger.TransactionRecorded}. Version 1 carried the
 * transaction and its results for the read side, but not the steps it made to the book; such an
 * event reads with {@code steps} null and is applied by the ledger's rules (docs/ledger.md,
 * "Events"). Version 2 adds {@code steps}; the JSON needs no change to be read.
 */
public final class TransactionRecordedMigration extends JacksonMigration {

  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    return json;
  }
}
