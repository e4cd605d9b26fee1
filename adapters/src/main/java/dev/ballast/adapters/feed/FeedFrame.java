package dev.ballast.adapters.feed;

import dev.ballast.engine.marketdata.Quote;
import java.util.List;

/** What one text message of a venue's feed says, as a venue's mapping reads it. */
public sealed interface FeedFrame {

  /** Prices, one quote per instrument the message priced. */
  record Quotes(List<Quote> quotes) implements FeedFrame {
    public Quotes {
      quotes = List.copyOf(quotes);
    }
  }

  /** A heartbeat, a subscription confirmation or another sign of life without prices. */
  record Alive() implements FeedFrame {}

  /** Not the venue's format, or a field that does not read; the message is skipped. */
  record Malformed(String reason) implements FeedFrame {}

  /** The venue reports an error on the connection (a refused subscription). */
  record VenueError(String message) implements FeedFrame {}
}
