package dev.ballast.engine.marketdata;

import dev.ballast.engine.model.AssetId;
import java.util.Objects;

/**
 * What is priced: one unit of {@code base} in {@code quote} (BTC/JPY, 7203.T/JPY, USD/JPY), both
 * canonical asset ids; a venue's own symbol (BTCJPY, XXBTZJPY, 7203.T) is mapped at the adapter.
 */
public record InstrumentId(AssetId base, AssetId quote) implements Comparable<InstrumentId> {

  public InstrumentId {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(quote, "quote");
    if (base.equals(quote)) {
      throw new IllegalArgumentException("instrument " + base + "/" + quote + ": base and quote are the same asset");
    }
  }

  public static InstrumentId of(String base, String quote) {
    return new InstrumentId(AssetId.of(base), AssetId.of(quote));
  }

  /** Reads the form {@link #toString()} writes, {@code BASE/QUOTE}. */
  public static InstrumentId parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash < 0 || slash != text.lastIndexOf('/')) {
      throw new IllegalArgumentException("instrument must be written BASE/QUOTE, got " + (text == null ? "null" : "\"" + text + "\""));
    }
    return of(text.substring(0, slash), text.substring(slash + 1));
  }

  @Override
  public int compareTo(InstrumentId other) {
    int byBase = base.compareTo(other.base);
    return byBase != 0 ? byBase : quote.compareTo(other.quote);
  }

  @Override
  public String toString() {
    return base + "/" + quote;
  }
}
