package dev.ballast.engine.marketdata.live;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** What one feed has done since it started: quotes, heartbeats, malformed messages skipped, drops, connections. */
public final class FeedMetrics {
  final LongAdder quotes = new LongAdder();
  final LongAdder heartbeats = new LongAdder();
  final LongAdder malformed = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final LongAdder connections = new LongAdder();
  final LongAdder failures = new LongAdder();
  final LongAdder silences = new LongAdder();
  final AtomicReference<Instant> lastMessage = new AtomicReference<>();
  // since when the feed has had no healthy connection; null while it has one
  final AtomicReference<Instant> downSince = new AtomicReference<>();

  /** When the feed's last quote or heartbeat arrived (the feed's clock); empty before the first. */
  public Optional<Instant> lastMessage() {
    return Optional.ofNullable(lastMessage.get());
  }

  /** Since when the feed has had no prices (its last message before the loss); empty while it has them. */
  public Optional<Instant> downSince() {
    return Optional.ofNullable(downSince.get());
  }

  public long quotes() {
    return quotes.sum();
  }

  public long heartbeats() {
    return heartbeats.sum();
  }

  /** Messages skipped because they were not in the venue's format. */
  public long malformed() {
    return malformed.sum();
  }

  /** Quotes the bus had no room for (its ingress full); the next quote of the instrument replaces them. */
  public long dropped() {
    return dropped.sum();
  }

  /** Connections opened and subscribed. */
  public long connections() {
    return connections.sum();
  }

  /** Connections lost or refused, silences included. */
  public long failures() {
    return failures.sum();
  }

  /** Connections given up because nothing arrived within the heartbeat timeout. */
  public long silences() {
    return silences.sum();
  }
}
