package dev.ballast.engine.marketdata.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The PriceBus's counters: ticks in, ticks conflated (replaced by a newer price of the same
 * instrument before a consumer took them), and each consumer's lag as the instruments waiting for
 * it. Safe to read from any thread.
 */
public final class PriceBusMetrics {
  private final LongAdder ticksIn = new LongAdder();
  private final LongAdder conflated = new LongAdder();
  private final Map<String, AtomicInteger> lag = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> conflatedFor = new ConcurrentHashMap<>();

  void tickIn() {
    ticksIn.increment();
  }

  ConflateByKey.Counters consumer(String name) {
    AtomicInteger pending = lag.computeIfAbsent(name, n -> new AtomicInteger());
    LongAdder mine = conflatedFor.computeIfAbsent(name, n -> new LongAdder());
    return new ConflateByKey.Counters() {
      @Override
      public void conflated() {
        conflated.increment();
        mine.increment();
      }

      @Override
      public void pending(int keys) {
        pending.set(keys);
      }
    };
  }

  void consumerGone(String name) {
    lag.remove(name);
    conflatedFor.remove(name);
  }

  /** Ticks conflated for one consumer so far (0 for one unknown or gone). */
  public long ticksConflated(String consumer) {
    LongAdder count = conflatedFor.get(consumer);
    return count == null ? 0 : count.sum();
  }

  /** Instruments waiting for one consumer (0 for one unknown or gone). */
  public int consumerLag(String consumer) {
    AtomicInteger pending = lag.get(consumer);
    return pending == null ? 0 : pending.get();
  }

  public long ticksIn() {
    return ticksIn.sum();
  }

  public long ticksConflated() {
    return conflated.sum();
  }

  /** Instruments with a price the consumer has not taken yet, per consumer name. */
  public Map<String, Integer> consumerLag() {
    Map<String, Integer> copy = new java.util.TreeMap<>();
    lag.forEach((name, pending) -> copy.put(name, pending.get()));
    return copy;
  }

  /** The largest lag over all consumers. */
  public int maxConsumerLag() {
    return lag.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
  }
}
