package dev.ballast.engine.statement;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.TaxWrapper;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A holding a statement says was there at a time (a Rakuten holdings list row, a generic holdings
 * CSV): not a transaction, but what the ledger is reconciled against.
 *
 * @param asOf when the statement observed it (the holdings file's export time)
 * @param wrapper the tax wrapper of the account it is held in, null when the file does not say
 */
public record StatementBalance(int line, Instant asOf, AssetId asset, Quantity quantity, TaxWrapper wrapper) {

  public StatementBalance {
    if (line < 1) {
      throw new IllegalArgumentException("statement balance: line must be 1 or more, got " + line);
    }
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(asset, "asset");
    if (quantity == null || quantity.signum() < 0) {
      throw new IllegalArgumentException("statement balance at line " + line + ", field quantity: negative or missing: " + quantity);
    }
  }

  public Optional<TaxWrapper> taxWrapper() {
    return Optional.ofNullable(wrapper);
  }
}
