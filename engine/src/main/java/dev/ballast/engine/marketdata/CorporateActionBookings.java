package dev.ballast.engine.marketdata;

import dev.ballast.engine.ledger.Movement;
import dev.ballast.engine.ledger.Movements;
import dev.ballast.engine.marketdata.valuation.ValueHistory;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which ledgers a split or dividend a source reported touches, and what records it there: pure,
 * over the ledgers' transactions. The ledger's own source + external id keeps each recording to
 * one, however often this is asked (docs/market-data.md#corporate-actions-in-the-ledgers).
 */
public final class CorporateActionBookings {
  /** How far from the ex-date a dividend already in the ledger (paid, or imported) is taken as the reported one. */
  public static final int DIVIDEND_MATCH_DAYS_BEFORE = 3;
  public static final int DIVIDEND_MATCH_DAYS_AFTER = 90;
  /** A split of the same asset recorded from another source this close to the ex-date is the same split. */
  public static final int SPLIT_MATCH_DAYS = 3;

  private CorporateActionBookings() {}

  /** What a split means for one account holding the asset before its ex-date. */
  public sealed interface SplitPlan {
    String account();

    BigDecimal heldBefore();
  }

  /** Record {@code transaction} in the account (the ledger answers a duplicate if it already has it). */
  public record BookSplit(String account, BigDecimal heldBefore, Transaction transaction) implements SplitPlan {}

  /** Record nothing, for this reason (named to the user). */
  public record SkipSplit(String account, BigDecimal heldBefore, String reason) implements SplitPlan {}

  /** The instant a corporate action takes effect in a ledger: the start of its ex-date, UTC, as the value history has it. */
  public static Instant effective(LocalDate exDate) {
    return exDate.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The ledger's own reference for an action: per source, and per instrument, as a source's id may repeat across instruments. */
  public static String externalId(CorporateAction action) {
    return action.externalId() + ":" + action.instrument().base().value();
  }

  /** Units of {@code asset} the ledger holds just before {@code at}: its movements and splits in trade-time order. */
  public static BigDecimal heldBefore(ValueHistory.Ledger ledger, AssetId asset, Instant at) {
    List<Transaction> ordered = new ArrayList<>(ledger.transactions());
    ordered.sort(Comparator.comparing(Transaction::timestamp)); // stable: rows of one instant keep their order
    BigDecimal held = BigDecimal.ZERO;
    for (Transaction tx : ordered) {
      if (!tx.timestamp().isBefore(at)) {
        break;
      }
      Movements m = Movements.of(tx, ledger.currency());
      if (m.split() != null && m.split().asset().equals(asset)) {
        held = held.multiply(m.split().ratio());
      }
      for (Movement change : m.changes()) {
        if (change.asset().equals(asset)) {
          held = held.add(change.units());
        }
      }
    }
    return held;
  }

  /** The plan of {@code split} (reported by {@code source}) for every ledger that holds its asset before the ex-date. */
  public static List<SplitPlan> split(String source, CorporateAction.Split split, List<ValueHistory.Ledger> ledgers) {
    AssetId asset = split.instrument().base();
    Instant at = effective(split.exDate());
    String externalId = externalId(split);
    Optional<String> ratioProblem = ratioProblem(split);
    List<SplitPlan> out = new ArrayList<>();
    for (ValueHistory.Ledger ledger : ledgers) {
      BigDecimal held = heldBefore(ledger, asset, at);
      if (held.signum() == 0) {
        continue;
      }
      if (ratioProblem.isPresent()) {
        out.add(new SkipSplit(ledger.account(), held, ratioProblem.get()));
        continue;
      }
      Optional<Transaction> other = ledger.transactions().stream()
          .filter(t -> t.type() == TransactionType.SPLIT && asset.equals(t.asset()))
          .filter(t -> !(source.equals(t.source()) && externalId.equals(t.externalId())))
          .filter(t -> Math.abs(day(t.timestamp()).toEpochDay() - split.exDate().toEpochDay()) <= SPLIT_MATCH_DAYS)
          .findFirst();
      if (other.isPresent()) {
        out.add(new SkipSplit(ledger.account(), held, "the ledger already has a split of " + asset + " on "
            + day(other.get().timestamp()) + " (" + other.get().source() + " " + other.get().externalId() + ")"));
        continue;
      }
      Transaction tx = Transaction.builder(TransactionType.SPLIT).at(at).asset(asset).splitRatio(split.ratio().toPlainString())
          .ref(source, externalId)
          .note("split " + split.numerator().toPlainString() + ":" + split.denominator().toPlainString() + " of " + asset
              + " on " + split.exDate() + ", reported by " + source)
          .build();
      out.add(new BookSplit(ledger.account(), held, tx));
    }
    return out;
  }

  /** Why a split cannot be recorded as the ledger's ratio (an exact decimal within its limit), if it cannot. */
  static Optional<String> ratioProblem(CorporateAction.Split split) {
    BigDecimal ratio;
    try {
      ratio = split.numerator().divide(split.denominator());
    } catch (ArithmeticException e) {
      return Optional.of("the ratio " + split.numerator().toPlainString() + ":" + split.denominator().toPlainString()
          + " is not an exact decimal; record the split and the cash for fractions by hand");
    }
    List<FieldError> errors = new ArrayList<>();
    InputLimits.decimal(0, "splitRatio", ratio.stripTrailingZeros(), InputLimits.SPLIT_RATIO, errors);
    return errors.isEmpty() ? Optional.empty()
        : Optional.of("the ratio " + ratio.toPlainString() + " is outside what a ledger keeps: " + errors.get(0).message());
  }

  // ---- dividends ------------------------------------------------------------------------------

  /** Where a reported dividend stands in one account that held the asset before its ex-date. */
  public enum DividendStatus {
    /** The ledger has a dividend of the asset near the ex-date (imported, typed, or confirmed here). */
    MATCHED,
    /** Nothing in the ledger yet: proposed to the user, recorded only when confirmed. */
    PROPOSED
  }

  /**
   * A reported dividend against one account: the units held before the ex-date, the gross it
   * comes to at the reported rate, and either the ledger's dividend it matches or the transaction
   * that confirming records.
   *
   * @param perUnit the reported rate per unit held on the ex-date, the source's split adjustment undone
   * @param matched the matching transaction's source and external id; null when proposed
   * @param matchedAmount the matching transaction's gross; null when proposed
   * @param proposal the DIVIDEND confirming records; null when matched
   */
  public record DividendPlan(
      String account, String source, String actionId, AssetId asset, LocalDate exDate, BigDecimal heldBefore,
      Money perUnit, Money expected, DividendStatus status, String matched, Money matchedAmount, Transaction proposal) {}

  /**
   * A dividend reported by {@code source} against every ledger that held its asset before the
   * ex-date. {@code laterSplits} are the source's splits of the asset known when the dividend was
   * fetched: a source gives the rate adjusted for every split from the dividend's ex-date on (Yahoo
   * gives Toyota's 120 yen of 2021-09-29, the day of its 5:1 split, as 24), so it is multiplied
   * back to the rate per unit held then. A ledger's dividend of the asset dated from a few days before the ex-date to
   * {@link #DIVIDEND_MATCH_DAYS_AFTER} after matches, each used once ({@code usedRefs} carries
   * them across the dividends asked about, oldest first).
   */
  public static List<DividendPlan> dividend(String source, CorporateAction.Dividend dividend, List<CorporateAction.Split> laterSplits,
      LocalDate fetchedOn, List<ValueHistory.Ledger> ledgers, Set<String> usedRefs) {
    AssetId asset = dividend.instrument().base();
    Instant at = effective(dividend.exDate());
    String externalId = externalId(dividend);
    BigDecimal rate = dividend.perUnit().value();
    for (CorporateAction.Split s : laterSplits) {
      if (s.instrument().base().equals(asset) && !s.exDate().isBefore(dividend.exDate()) && !s.exDate().isAfter(fetchedOn)
          && ratioProblem(s).isEmpty()) {
        rate = rate.multiply(s.numerator().divide(s.denominator()));
      }
    }
    Money perUnit = new Money(rate.stripTrailingZeros(), dividend.perUnit().currency());
    List<DividendPlan> out = new ArrayList<>();
    for (ValueHistory.Ledger ledger : ledgers) {
      BigDecimal held = heldBefore(ledger, asset, at);
      if (held.signum() <= 0) {
        continue;
      }
      Money expected = new Money(rate.multiply(held).stripTrailingZeros(), perUnit.currency());
      Optional<Transaction> match = ledger.transactions().stream()
          .filter(t -> source.equals(t.source()) && externalId.equals(t.externalId()))
          .findFirst()
          .or(() -> ledger.transactions().stream()
              .filter(t -> t.type() == TransactionType.DIVIDEND && asset.equals(t.asset()))
              .filter(t -> !usedRefs.contains(ledger.account() + " " + t.ref().key()))
              .filter(t -> {
                long days = day(t.timestamp()).toEpochDay() - dividend.exDate().toEpochDay();
                return days >= -DIVIDEND_MATCH_DAYS_BEFORE && days <= DIVIDEND_MATCH_DAYS_AFTER;
              })
              .min(Comparator.comparing(Transaction::timestamp)));
      if (match.isPresent()) {
        Transaction t = match.get();
        usedRefs.add(ledger.account() + " " + t.ref().key());
        out.add(new DividendPlan(ledger.account(), source, dividend.externalId(), asset, dividend.exDate(), held, perUnit, expected,
            DividendStatus.MATCHED, t.source() + " " + t.externalId(), t.amount(), null));
        continue;
      }
      Transaction proposal = Transaction.builder(TransactionType.DIVIDEND).at(at).asset(asset).amount(expected)
          .ref(source, externalId)
          .note("dividend of " + perUnit.amount().toPlainString() + " " + perUnit.currency() + " per unit of " + asset
              + " (ex-date " + dividend.exDate() + "), reported by " + source + ", confirmed by the user")
          .build();
      out.add(new DividendPlan(ledger.account(), source, dividend.externalId(), asset, dividend.exDate(), held, perUnit, expected,
          DividendStatus.PROPOSED, null, null, proposal));
    }
    return out;
  }

  /** A fresh set to pass to {@link #dividend} across several dividends. */
  public static Set<String> noneUsed() {
    return new HashSet<>();
  }

  private static LocalDate day(Instant at) {
    return at.atZone(ZoneOffset.UTC).toLocalDate();
  }
}
