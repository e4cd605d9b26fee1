package dev.ballast.engine.account;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Reads older versions of {@link AccountLedger.TransactionRecorded}. Version 1 carried the
 * transaction and its results for the read side, but not the steps it made to the book; such an
 * event reads with {@code steps} null and is applied by the ledger's rules (docs/ledger.md,
 * "Events"). Version 2 adds {@code steps}; version 3 names the currency of a closed lot's proceeds
 * when it is not the lot's cost currency ({@code proceedsCurrency}). Neither needs the JSON
 * changed to be read: a closing of an older version reads its proceeds as in the cost currency,
 * which is what they are unless the closing trade was in another currency.
 */
public final class TransactionRecordedMigration extends JacksonMigration {

  @Override
  public int currentVersion() {
    return 3;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    return json;
  }
}
