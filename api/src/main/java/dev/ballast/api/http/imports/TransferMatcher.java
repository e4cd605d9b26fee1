package dev.ballast.api.http.imports;

import dev.ballast.engine.ledger.LedgerBook;
import dev.ballast.engine.ledger.Lot;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the moves of coins between the user's own accounts in an import: a deposit in the file of
 * the same asset and quantity as a withdrawal recorded in another account of the same portfolio,
 * within the window after it, becomes a TRANSFER_IN linked to it by a transfer id, with the cost
 * of the lots that left the other account as its price (so the cost basis moves with the coins);
 * a withdrawal in the file matching a deposit recorded elsewhere within the window after it
 * becomes a TRANSFER_OUT with the same kind of link. Each recorded row is matched at most once.
 */
final class TransferMatcher {
  /** Fraction digits a price may have ({@code InputLimits.AMOUNT}). */
  private static final int MAX_SCALE = 18;

  /** A deposit or withdrawal of the file, not recorded yet. */
  record Candidate(int line, Transaction transaction) {}

  /** A row recorded in another account: its ledger id, its place in the account, the transaction. */
  record Recorded(String transactionId, long seq, Transaction transaction) {}

  /** Another account of the user, with what it has recorded. */
  record Peer(AccountId account, AssetId currency, boolean allowShort, List<Recorded> rows) {}

  /** A file row linked to a recorded one, as it is to be recorded; {@code carried} is the cost moved with it (null: unknown or a withdrawal). */
  record Match(Candidate candidate, AccountId other, Recorded otherRow, Transaction linked, BigDecimal carried, AssetId carriedCurrency) {}

  /** A recorded deposit or withdrawal to relabel as the leg of a transfer, with the note it gets. */
  record PendingLink(AccountId account, String transactionId, String transferId, String note) {}

  private TransferMatcher() {}

  /** The recorded row a match links to, to be relabelled as the other leg once the file's row is recorded in {@code self}. */
  static PendingLink otherSide(Match m, AccountId self) {
    boolean in = m.linked().type() == TransactionType.TRANSFER_IN;
    return new PendingLink(m.other(), m.otherRow().transactionId(), m.linked().transferId(), (in ? "transfer to " : "transfer from ") + self.value());
  }

  /**
   * The rows a transfer id names ({@code transfer:<account>/<transaction>}, on a leg in another
   * account) that still read as a plain deposit or withdrawal: the other leg was recorded before
   * relabelling existed, or its relabel failed. Only among the accounts given.
   */
  static List<PendingLink> unrelabelled(Map<AccountId, List<Recorded>> rowsByAccount) {
    Map<String, Map<String, Recorded>> byId = new HashMap<>();
    rowsByAccount.forEach((account, rows) -> {
      Map<String, Recorded> of = new HashMap<>();
      rows.forEach(r -> of.put(r.transactionId(), r));
      byId.put(account.value(), of);
    });
    List<PendingLink> out = new ArrayList<>();
    rowsByAccount.forEach((account, rows) -> {
      for (Recorded r : rows) {
        Transaction leg = r.transaction();
        String id = leg.transferId();
        if (id == null || !id.startsWith("transfer:")
            || (leg.type() != TransactionType.TRANSFER_IN && leg.type() != TransactionType.TRANSFER_OUT)) {
          continue;
        }
        String rest = id.substring("transfer:".length());
        int slash = rest.indexOf('/');
        String other = slash < 0 ? null : rest.substring(0, slash);
        Recorded named = other == null || other.equals(account.value()) || !byId.containsKey(other) ? null : byId.get(other).get(rest.substring(slash + 1));
        if (named == null || named.transaction().transferId() != null) {
          continue;
        }
        TransactionType wanted = leg.type() == TransactionType.TRANSFER_IN ? TransactionType.WITHDRAWAL : TransactionType.DEPOSIT;
        if (named.transaction().type() == wanted && named.transaction().asset().equals(leg.asset())) {
          out.add(new PendingLink(AccountId.of(other), named.transactionId(), id,
              (wanted == TransactionType.WITHDRAWAL ? "transfer to " : "transfer from ") + account.value()));
        }
      }
    });
    return out;
  }

  /** The transfer id that links a row to a recorded transaction of another account. */
  static String transferId(AccountId other, String transactionId) {
    return "transfer:" + other.value() + "/" + transactionId;
  }

  /**
   * @param used transfer ids already on rows of the importing account (a recorded row they name is taken)
   */
  static List<Match> match(List<Candidate> candidates, AssetId accountCurrency, List<Peer> peers, Set<String> used, Duration window) {
    Set<String> taken = new HashSet<>(used);
    List<Match> matches = new ArrayList<>();
    List<Candidate> ordered = new ArrayList<>(candidates);
    ordered.sort(Comparator.comparing(c -> c.transaction().timestamp()));
    Map<AccountId, Map<String, List<Lot>>> removed = new HashMap<>();
    for (Candidate c : ordered) {
      Transaction tx = c.transaction();
      boolean in = tx.type() == TransactionType.DEPOSIT;
      Peer bestPeer = null;
      Recorded best = null;
      for (Peer peer : peers) {
        for (Recorded r : peer.rows()) {
          Transaction o = r.transaction();
          boolean opposite = in ? o.type() == TransactionType.WITHDRAWAL || o.type() == TransactionType.TRANSFER_OUT
              : o.type() == TransactionType.DEPOSIT || o.type() == TransactionType.TRANSFER_IN;
          if (!opposite || !o.asset().equals(tx.asset()) || o.quantity() == null || o.quantity().value().compareTo(tx.quantity().value()) != 0
              || taken.contains(transferId(peer.account(), r.transactionId()))) {
            continue;
          }
          Instant out = in ? o.timestamp() : tx.timestamp();
          Instant arrived = in ? tx.timestamp() : o.timestamp();
          if (arrived.isBefore(out) || arrived.isAfter(out.plus(window))) {
            continue;
          }
          // the closest in time wins: the latest withdrawal before a deposit, the earliest deposit after a withdrawal
          if (best == null || (in ? o.timestamp().isAfter(best.transaction().timestamp()) : o.timestamp().isBefore(best.transaction().timestamp()))) {
            best = r;
            bestPeer = peer;
          }
        }
      }
      if (best == null) {
        continue;
      }
      String id = transferId(bestPeer.account(), best.transactionId());
      taken.add(id);
      String note = (tx.note() == null ? "" : tx.note() + "; ") + (in ? "transfer from " : "transfer to ") + bestPeer.account().value();
      if (!in) {
        Transaction linked = new Transaction(TransactionType.TRANSFER_OUT, tx.timestamp(), tx.asset(), tx.quantity(), null, null, tx.fee(), tx.tax(),
            null, id, null, tx.source(), tx.externalId(), note);
        matches.add(new Match(c, bestPeer.account(), best, linked, null, null));
        continue;
      }
      Peer peer = bestPeer;
      List<Lot> lots = removed.computeIfAbsent(peer.account(), a -> removedLots(peer)).get(best.transactionId());
      BigDecimal total = null;
      AssetId currency = null;
      if (lots != null && !lots.isEmpty()) {
        if (peer.currency().equals(accountCurrency) && lots.stream().allMatch(l -> l.costInAccount() != null)) {
          total = lots.stream().map(l -> l.costInAccount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
          currency = accountCurrency;
        } else if (lots.stream().allMatch(l -> l.cost() != null && l.costCurrency() != null && l.costCurrency().equals(lots.get(0).costCurrency()))
            && !lots.get(0).costCurrency().equals(tx.asset())) {
          total = lots.stream().map(l -> l.cost().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
          currency = lots.get(0).costCurrency();
        }
      }
      Price price = total == null ? null : new Price(perUnit(total, tx.quantity().value()), currency);
      Transaction linked = new Transaction(TransactionType.TRANSFER_IN, tx.timestamp(), tx.asset(), tx.quantity(), price, null, tx.fee(), tx.tax(),
          null, id, null, tx.source(), tx.externalId(), note);
      matches.add(new Match(c, peer.account(), best, linked, total, currency));
    }
    return matches;
  }

  /** The cost per unit, exact when the division ends, else to the digits a price may have (the cost moved is then off by less than one unit of the last). */
  static BigDecimal perUnit(BigDecimal total, BigDecimal units) {
    try {
      BigDecimal exact = total.divide(units);
      if (exact.scale() <= MAX_SCALE) {
        return exact;
      }
    } catch (ArithmeticException nonTerminating) {
      // rounded below
    }
    return total.divide(units, Math.max(0, MAX_SCALE - Math.max(0, units.scale())), RoundingMode.HALF_EVEN);
  }

  /** The lots each withdrawal of the peer took away, by replaying its rows in trade-time order as its ledger does. */
  private static Map<String, List<Lot>> removedLots(Peer peer) {
    Map<String, List<Lot>> out = new HashMap<>();
    List<Recorded> rows = new ArrayList<>(peer.rows());
    rows.sort(Comparator.comparing((Recorded r) -> r.transaction().timestamp()).thenComparingLong(Recorded::seq));
    LedgerBook book = LedgerBook.empty(peer.currency(), peer.allowShort());
    try {
      for (Recorded r : rows) {
        LedgerBook.Applied applied = book.apply(r.transactionId(), r.transaction());
        if (r.transaction().type() == TransactionType.WITHDRAWAL || r.transaction().type() == TransactionType.TRANSFER_OUT) {
          out.put(r.transactionId(), applied.removed());
        }
        book = applied.book();
      }
    } catch (RuntimeException e) {
      // a history the book cannot replay as recorded (its rows placed by a re-lot): the costs found so far stand, the rest stay unknown
    }
    return out;
  }
}
