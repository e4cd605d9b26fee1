package dev.ballast.engine.marketdata.valuation;

import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetId;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Daily values computed once and answered again while nothing they were computed from has changed:
 * the same ledgers (every transaction equal), the same version of the prices, the same currency
 * and breakdown. Any range within a computed one is answered from its days ({@link ValueHistory#slice}),
 * so a dashboard asking for the last month after the whole history costs a comparison of the ledgers.
 * Keeps the {@code capacity} most recently used histories. Thread-safe.
 */
public final class PrecomputedHistories {
  /**
   * What a history was computed from, besides its range.
   *
   * @param assets the catalog's entries of the assets the ledgers hold (quote currency and class
   *     decide a holding's price and conversion): a change to one computes the history again
   */
  public record Inputs(List<ValueHistory.Ledger> ledgers, AssetId currency, Set<ValueHistory.Breakdown> breakdown, long pricesVersion,
      List<Asset> assets) {
    public Inputs {
      ledgers = List.copyOf(ledgers);
      breakdown = Set.copyOf(breakdown);
      assets = List.copyOf(assets);
    }

    public Inputs(List<ValueHistory.Ledger> ledgers, AssetId currency, Set<ValueHistory.Breakdown> breakdown, long pricesVersion) {
      this(ledgers, currency, breakdown, pricesVersion, List.of());
    }

    /** The catalog's entries, in asset order, of every asset the ledgers' transactions name (unknown ones left out). */
    public static List<Asset> assetsOf(List<ValueHistory.Ledger> ledgers, java.util.function.Function<AssetId, Optional<Asset>> catalog) {
      java.util.TreeSet<AssetId> ids = new java.util.TreeSet<>(java.util.Comparator.comparing(AssetId::value));
      for (ValueHistory.Ledger l : ledgers) {
        for (dev.ballast.engine.model.Transaction tx : l.transactions()) {
          // every asset a transaction can move: its own, what it is paid in, its fee and tax
          if (tx.asset() != null) {
            ids.add(tx.asset());
          }
          if (tx.price() != null) {
            ids.add(tx.price().currency());
          }
          for (dev.ballast.engine.model.Money m : new dev.ballast.engine.model.Money[] {tx.amount(), tx.fee(), tx.tax()}) {
            if (m != null) {
              ids.add(m.currency());
            }
          }
        }
      }
      List<Asset> out = new java.util.ArrayList<>();
      for (AssetId id : ids) {
        catalog.apply(id).ifPresent(out::add);
      }
      return out;
    }
  }

  /** A history and whether it was computed for this request or answered from stored days. */
  public record Answer(ValueHistory history, boolean precomputed) {}

  private record Key(List<String> accounts, AssetId currency, Set<ValueHistory.Breakdown> breakdown) {}

  private record Stored(Inputs inputs, ValueHistory history) {}

  private final Map<Key, Stored> stored;

  public PrecomputedHistories(int capacity) {
    this.stored = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Stored> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * The history of {@code inputs} from {@code from} to {@code to}: from stored days when a history
   * of the same inputs covers the range, else {@code compute}d and stored.
   */
  public Answer history(Inputs inputs, LocalDate from, LocalDate to, Supplier<ValueHistory> compute) {
    Key key = new Key(inputs.ledgers().stream().map(ValueHistory.Ledger::account).toList(), inputs.currency(), inputs.breakdown());
    Stored s;
    synchronized (stored) {
      s = stored.get(key);
    }
    if (s != null && s.inputs().equals(inputs) && !from.isBefore(s.history().from()) && !to.isAfter(s.history().to())) {
      return new Answer(s.history().slice(from, to), true);
    }
    ValueHistory computed = compute.get();
    synchronized (stored) {
      stored.put(key, new Stored(inputs, computed));
    }
    return new Answer(computed, false);
  }

  /** The stored history of these inputs, if one covers the range; for a caller that only reads. */
  public Optional<ValueHistory> find(Inputs inputs, LocalDate from, LocalDate to) {
    Key key = new Key(inputs.ledgers().stream().map(ValueHistory.Ledger::account).toList(), inputs.currency(), inputs.breakdown());
    Stored s;
    synchronized (stored) {
      s = stored.get(key);
    }
    if (s == null || !s.inputs().equals(inputs) || from.isBefore(s.history().from()) || to.isAfter(s.history().to())) {
      return Optional.empty();
    }
    return Optional.of(s.history().slice(from, to));
  }
}
