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
 * Keeps the {@code capacity} most recently used histories in memory, and every computed one in a
 * {@link Kept} store when given one (a table), so a restart answers from the days computed before it
 * as long as their {@link Inputs#fingerprint()} and prices version are still the inputs'. Thread-safe.
 */
public final class PrecomputedHistories {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PrecomputedHistories.class);

  /**
   * Where computed histories outlive the process (implemented by persistence): one per subject (the
   * accounts, currency and breakdown of {@link Inputs#subject()}), the last one computed.
   */
  public interface Kept {
    Optional<KeptHistory> load(String subject);

    /**
     * The subject's kept history if it was computed from this fingerprint and prices version: a store can compare them
     * before it reads the days, which a history computed again does not need.
     */
    default Optional<ValueHistory> load(String subject, String fingerprint, long pricesVersion) {
      return load(subject).filter(k -> k.fingerprint().equals(fingerprint) && k.pricesVersion() == pricesVersion).map(KeptHistory::history);
    }

    void save(String subject, KeptHistory kept);
  }

  /** A history as kept, with the fingerprint of the inputs it was computed from and the prices version it read. */
  public record KeptHistory(String fingerprint, long pricesVersion, ValueHistory history) {}

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

    /** The accounts, currency and breakdown: what a history is kept under (the last computed one per subject). */
    public String subject() {
      return String.join(",", ledgers.stream().map(ValueHistory.Ledger::account).toList()) + "|" + currency.value() + "|"
          + String.join(",", new java.util.TreeSet<>(breakdown.stream().map(Enum::name).toList()));
    }

    /**
     * A SHA-256 of everything but the prices version that decides the days: each ledger's account, currency, venue and
     * transactions in order (every field), the catalog's id, class and quote currency of each asset, the currency and
     * breakdown. Two equal inputs have one fingerprint; a restated transaction, a re-registered asset or another
     * provider gives another.
     */
    public String fingerprint() {
      StringBuilder text = new StringBuilder(subject()).append('\n');
      for (ValueHistory.Ledger l : ledgers) {
        text.append("ledger ").append(l.account()).append(' ').append(l.currency().value()).append(' ').append(l.venue()).append('\n');
        for (dev.ballast.engine.model.Transaction tx : l.transactions()) {
          // a record's text holds every component, decimals with their scale, in a fixed order
          text.append(tx).append('\n');
        }
      }
      for (Asset a : assets) {
        text.append("asset ").append(a.id().value()).append(' ').append(a.assetClass()).append(' ').append(a.quoteCurrency().value()).append('\n');
      }
      try {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(digest);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is not available", e);
      }
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

  private final Kept kept;

  public PrecomputedHistories(int capacity) {
    this(capacity, null);
  }

  /** @param kept where every computed history is also written and read back after a restart; null: memory only */
  public PrecomputedHistories(int capacity, Kept kept) {
    this.kept = kept;
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
    if (s != null && s.inputs().equals(inputs) && covers(s.history(), from, to)) {
      return new Answer(s.history().slice(from, to), true);
    }
    String fingerprint = kept == null ? null : inputs.fingerprint();
    if (kept != null) {
      Optional<ValueHistory> k = kept.load(inputs.subject(), fingerprint, inputs.pricesVersion());
      if (k.isPresent() && covers(k.get(), from, to)) {
        synchronized (stored) {
          stored.put(key, new Stored(inputs, k.get()));
        }
        return new Answer(k.get().slice(from, to), true);
      }
    }
    ValueHistory computed = compute.get();
    synchronized (stored) {
      stored.put(key, new Stored(inputs, computed));
    }
    if (kept != null) {
      try {
        kept.save(inputs.subject(), new KeptHistory(fingerprint, inputs.pricesVersion(), computed));
      } catch (RuntimeException e) {
        // this answer is right whatever the store says (another server replacing the same subject's row at once, say): the
        // next request computes again; but a save that always fails must show
        LOG.warn("value history of {} not kept: {}", inputs.subject(), e.toString());
      }
    }
    return new Answer(computed, false);
  }

  private static boolean covers(ValueHistory h, LocalDate from, LocalDate to) {
    return !from.isBefore(h.from()) && !to.isAfter(h.to());
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
