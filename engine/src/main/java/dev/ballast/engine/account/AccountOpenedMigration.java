package dev.ballast.engine.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Reads older versions of {@link AccountLedger.AccountOpened} from the journal. Version 1 named the
 * tax treatment {@code wrapper} and had no {@code allowShort}; version 2 calls it {@code taxWrapper}
 * and adds {@code allowShort} (false for accounts opened before it existed); version 3 adds
 * {@code costMethod} (FIFO, the only method accounts had before it).
 */
public final class AccountOpenedMigration extends JacksonMigration {

  @Override
  public int currentVersion() {
    return 3;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    if (fromVersion < 2 && json.get("spec") instanceof ObjectNode spec) {
      JsonNode wrapper = spec.remove("wrapper");
      if (wrapper != null && !spec.has("taxWrapper")) {
        spec.set("taxWrapper", wrapper);
      }
      if (!spec.has("allowShort")) {
        spec.put("allowShort", false);
      }
    }
    if (fromVersion < 3 && json.get("spec") instanceof ObjectNode spec && !spec.has("costMethod")) {
      spec.put("costMethod", "FIFO");
    }
    return json;
  }
}
