package dev.ballast.engine.marketdata.live;

/** Why a {@link MarketFeed} could not connect or subscribe. */
public final class MarketFeedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers to decide on. */
  public enum Reason {
    UNAVAILABLE,
    UNKNOWN_INSTRUMENT,
    REFUSED
  }

  private final String feed;
  private final Reason reason;

  public MarketFeedException(String feed, Reason reason, String message) {
    super(feed + ": " + message);
    this.feed = feed;
    this.reason = reason;
  }

  public String feed() {
    return feed;
  }

  public Reason reason() {
    return reason;
  }
}
