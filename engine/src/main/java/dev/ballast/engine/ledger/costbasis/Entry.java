package dev.ballast.engine.ledger.costbasis;

import dev.ballast.engine.ledger.Movements;
import java.time.Instant;
import java.util.Objects;

/** The movements of one recorded transaction, as a cost-basis method reads them, in ledger order. */
public record Entry(String transactionId, Instant at, Movements movements) {
  public Entry {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(movements, "movements");
  }
}
