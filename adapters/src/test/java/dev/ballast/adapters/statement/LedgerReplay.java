package dev.ballast.adapters.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.ledger.LedgerBook;
import dev.ballast.engine.ledger.TransactionValidator;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.model.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies imported transactions to an empty ledger book the way the account entity does (each row
 * validated and held to the input limits, then taken in trade-time order), so a format's test can
 * assert the positions, costs and cash its sample ends in.
 */
public final class LedgerReplay {
  private LedgerReplay() {}

  public static LedgerBook book(String accountCurrency, List<Transaction> transactions) {
    AssetId currency = AssetId.of(accountCurrency);
    TransactionValidator validator = new TransactionValidator(currency, a -> true, Duration.ofMinutes(10));
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < transactions.size(); i++) {
      errors.addAll(InputLimits.transaction(i + 1, transactions.get(i)));
      errors.addAll(validator.validate(i + 1, transactions.get(i), Instant.parse("2030-01-01T00:00:00Z")));
    }
    assertEquals(List.of(), errors, "every imported row is valid for the ledger");
    List<Transaction> ordered = new ArrayList<>(transactions);
    ordered.sort(Comparator.comparing(Transaction::timestamp));
    LedgerBook book = LedgerBook.empty(currency, false);
    for (int i = 0; i < ordered.size(); i++) {
      book = book.apply("t/" + i, ordered.get(i)).book();
    }
    return book;
  }
}
