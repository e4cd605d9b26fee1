package dev.ballast.api.http.imports;

import dev.ballast.engine.marketdata.AsOfRates;
import dev.ballast.engine.marketdata.DatedRate;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import dev.ballast.engine.statement.StatementBalance;
import dev.ballast.engine.statement.StatementError;
import dev.ballast.engine.statement.StatementRow;
import dev.ballast.engine.statement.StatementSink;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gives a trade between two coins the FX rate its file lacks, from the price store: a BUY or SELL
 * priced in a coin or stablecoin that is not the account currency (ETH bought with BTC in a EUR
 * account) disposes of lots whose cost is in the account currency, so the ledger needs the price
 * currency's value in the account currency to measure the gain, and refuses the row naming
 * {@code fxRate} without it. The rate is the stored one of the trade's UTC date (a day's close, or
 * through the USD pivot; no older than the store allows), cut to the 18 decimals a rate may have,
 * and the row's note says where it came from. A row for which the store has no rate passes on as
 * it is (the ledger then names {@code fxRate} when the lots it disposes of have a cost in another
 * currency, and {@code ballast prices sync} fills the store). Rows with an FX rate of their own,
 * and trades priced in fiat, are left as the file has them.
 */
final class StoreFx implements StatementSink {
  /** How many of the rates used the report lists (all of them are counted). */
  static final int LISTED = 100;

  /** A rate taken from the store for one row of the file. */
  record Used(int line, String pair, LocalDate asOf, BigDecimal rate) {}

  private final StatementSink next;
  private final AsOfRates rates;
  private final AssetId accountCurrency;
  private final List<Used> used = new ArrayList<>();
  /** The store's answers by pair and day; shared by both passes over a file, so the second reads nothing again. */
  private final java.util.Map<String, Optional<DatedRate>> found;
  private int count;

  StoreFx(StatementSink next, AsOfRates rates, AssetId accountCurrency) {
    this(next, rates, accountCurrency, new java.util.HashMap<>());
  }

  private StoreFx(StatementSink next, AsOfRates rates, AssetId accountCurrency, java.util.Map<String, Optional<DatedRate>> found) {
    this.next = next;
    this.rates = rates;
    this.accountCurrency = accountCurrency;
    this.found = found;
  }

  /** A pass of the same file into {@code next}, with the rates this one has read already. */
  StoreFx again(StatementSink next) {
    return new StoreFx(next, rates, accountCurrency, found);
  }

  @Override
  public void row(StatementRow row) {
    Transaction tx = row.transaction();
    if (!needsRate(tx, accountCurrency)) {
      next.row(row);
      return;
    }
    AssetId from = tx.price().currency();
    LocalDate date = LocalDate.ofInstant(tx.timestamp(), ZoneOffset.UTC);
    // a file trades the same pairs day after day: one store read per pair and day
    Optional<DatedRate> stored = found.computeIfAbsent(from.value() + "@" + date, k -> rates.find(from, accountCurrency, date));
    Optional<BigDecimal> rate = stored.flatMap(r -> fitting(r.rate()));
    if (rate.isEmpty()) {
      next.row(row);
      return;
    }
    LocalDate asOf = stored.get().date();
    String origin = "fxRate " + from + "/" + accountCurrency + " of " + asOf + " from the price store";
    String note = tx.note() == null || tx.note().isBlank() ? origin : tx.note() + "; " + origin;
    Transaction priced = new Transaction(tx.type(), tx.timestamp(), tx.asset(), tx.quantity(), tx.price(), tx.amount(), tx.fee(), tx.tax(),
        rate.get(), tx.transferId(), tx.splitRatio(), tx.source(), tx.externalId(),
        note.length() <= InputLimits.NOTE.maxLength() ? note : tx.note());
    count++;
    if (used.size() < LISTED) {
      used.add(new Used(row.line(), from + "/" + accountCurrency, asOf, rate.get()));
    }
    next.row(new StatementRow(row.line(), priced, row.wrapper()));
  }

  private static boolean needsRate(Transaction tx, AssetId accountCurrency) {
    return (tx.type() == TransactionType.BUY || tx.type() == TransactionType.SELL) && tx.fxRate() == null && tx.price() != null
        && !tx.price().currency().equals(accountCurrency) && !tx.price().currency().isFiat();
  }

  /** The rate within the limits of an FX rate: 18 decimals (rounded half-even), 22 integer digits; none when it has more. */
  private static Optional<BigDecimal> fitting(BigDecimal rate) {
    BigDecimal cut = rate.scale() > InputLimits.AMOUNT.maxScale() ? rate.setScale(InputLimits.AMOUNT.maxScale(), RoundingMode.HALF_EVEN) : rate;
    cut = cut.stripTrailingZeros();
    if (cut.signum() <= 0 || cut.precision() - cut.scale() > InputLimits.AMOUNT.maxIntegerDigits()) {
      return Optional.empty();
    }
    return Optional.of(cut.scale() < 0 ? cut.setScale(0) : cut);
  }

  @Override
  public void balance(StatementBalance balance) {
    next.balance(balance);
  }

  @Override
  public void error(StatementError error) {
    next.error(error);
  }

  /** The first {@link #LISTED} rates used, in file order. */
  List<Used> used() {
    return List.copyOf(used);
  }

  int count() {
    return count;
  }
}
