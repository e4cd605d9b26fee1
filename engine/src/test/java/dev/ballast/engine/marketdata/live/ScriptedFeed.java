package dev.ballast.engine.marketdata.live;

import dev.ballast.engine.marketdata.InstrumentId;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A feed the test drives: each connect is an {@link Attempt} the test takes and answers. */
final class ScriptedFeed implements MarketFeed {

  /** One connect call: the test completes {@code answer} and talks through {@code listener}. */
  record Attempt(Set<InstrumentId> instruments, FeedListener listener, CompletableFuture<FeedConnection> answer, long atNanos,
      CompletableFuture<Void> closed) {
    void accept() {
      answer.complete(() -> closed.complete(null));
    }
  }

  private final BlockingQueue<Attempt> attempts = new LinkedBlockingQueue<>();

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public CompletionStage<FeedConnection> connect(Set<InstrumentId> instruments, FeedListener listener) {
    Attempt attempt = new Attempt(instruments, listener, new CompletableFuture<>(), System.nanoTime(), new CompletableFuture<>());
    attempts.add(attempt);
    return attempt.answer();
  }

  /** The next connect call, waiting for it. */
  Attempt next(Duration timeout) throws InterruptedException {
    Attempt attempt = attempts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (attempt == null) {
      throw new AssertionError("no connect within " + timeout);
    }
    return attempt;
  }
}
