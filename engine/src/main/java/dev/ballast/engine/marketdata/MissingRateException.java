package dev.ballast.engine.marketdata;

import dev.ballast.engine.model.AssetId;
import java.time.LocalDate;

/** No rate converts {@code from} into {@code to} as of a date: never a silent 1.0 or zero. */
public final class MissingRateException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final AssetId from;
  private final AssetId to;
  private final LocalDate date;

  public MissingRateException(AssetId from, AssetId to, LocalDate date, String tried) {
    super("no rate " + from + "/" + to + " as of " + date + " (tried " + tried + ")");
    this.from = from;
    this.to = to;
    this.date = date;
  }

  public AssetId from() {
    return from;
  }

  public AssetId to() {
    return to;
  }

  public LocalDate date() {
    return date;
  }
}
