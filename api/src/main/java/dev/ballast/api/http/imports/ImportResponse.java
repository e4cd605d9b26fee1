package dev.ballast.api.http.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The report of an import, the same for a dry run, a recorded import and a refused one: what each
 * account gets (counts per type and asset, the date range, the first rows, its positions before and
 * after, the cash the rows imply), what was recorded, and every rejected row with its file, line,
 * column and reason. {@code outcome} is {@code dry-run}, {@code recorded}, {@code refused}
 * (nothing written) or {@code partly-recorded} (the ledger refused a batch after others were written;
 * each account says which).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportResponse(
    String file, String format, String outcome, boolean dryRun, boolean skipInvalid, int rows, int rejectedCount,
    List<Rejected> rejected, List<AccountPart> accounts, List<Holding> holdings, List<Transfer> transfers, List<Link> relinked,
    int storedRatesUsed, List<StoredRate> storedRates) {

  /**
   * The FX rate a trade between two coins got from the price store, the file having none: the
   * value of one unit of the price currency in the account currency ({@code pair} {@code BTC/EUR})
   * as of {@code asOf}; the first 100 are listed, {@code storedRatesUsed} counts them all.
   */
  public record StoredRate(int line, String pair, java.time.LocalDate asOf, BigDecimal rate) {}

  /**
   * A row of the file (of the account imported into) matched to a recorded row of another of the user's accounts (a withdrawal
   * there and this deposit, or the reverse): recorded as {@code TRANSFER_IN} / {@code TRANSFER_OUT}
   * with {@code transferId}; {@code carriedCost} is the cost of the lots that left the other account
   * (in {@code costCurrency}), null when unknown or for a transfer out. {@code otherSide} is what
   * became of the recorded row: {@code relabelled} (it is now the other leg, with the same transfer
   * id), {@code already-linked}, {@code would-relabel} (a dry run), {@code not-relabelled: <why>},
   * or null when the file was not recorded.
   */
  public record Transfer(int line, String direction, String asset, BigDecimal quantity, String otherAccount,
      String otherTransaction, String transferId, BigDecimal carriedCost, String costCurrency, String otherSide) {}

  /**
   * A recorded deposit or withdrawal that an earlier import linked to a transfer but that was not
   * relabelled then (an import before relabelling existed, or one whose relabel failed), relabelled
   * by this one; {@code outcome} as {@link Transfer#otherSide}.
   */
  public record Link(String account, String transaction, String transferId, String outcome) {}

  public static final String DRY_RUN = "dry-run";
  public static final String RECORDED = "recorded";
  public static final String REFUSED = "refused";
  public static final String PARTLY_RECORDED = "partly-recorded";

  /** A row that was not (or would not be) imported. {@code column} is null when the whole line or file is to blame. */
  public record Rejected(String file, int line, String column, String reason) {}

  /**
   * What one account gets. {@code status}: {@code would-record} (dry run), {@code recorded},
   * {@code refused} (the ledger refused its batch: nothing of it written), {@code not-sent}
   * (an earlier account's batch was refused first) or {@code nothing} (rejected file).
   * {@code impliedDeposits} is the cash each currency ends below zero (the file lacks the deposits
   * behind it); with {@code impliedDeposits=true} they are recorded as deposits
   * ({@code impliedDepositsRecorded} of them, counted in {@code recorded} too), else the balance stays negative.
   */
  public record AccountPart(
      String account, TaxWrapper wrapper, boolean created, String status, int rows, Map<TransactionType, Integer> byType,
      Map<String, Integer> byAsset, Instant from, Instant to, List<Row> firstRows, List<PositionChange> positions,
      Map<String, BigDecimal> cashChange, Map<String, BigDecimal> impliedDeposits, int recorded, int duplicates, boolean relotted,
      int impliedDepositsRecorded) {}

  /** A row as it is recorded, with its file line. */
  public record Row(int line, Transaction transaction) {}

  /** A holding before the import (from the read side), what the rows change, and after. */
  public record PositionChange(String asset, BigDecimal before, BigDecimal change, BigDecimal after) {}

  /** A holding the file reports, against the ledger: the reconciliation of a holdings file. */
  public record Holding(String account, String asset, Instant asOf, BigDecimal statement, BigDecimal ledger, BigDecimal difference) {}
}
