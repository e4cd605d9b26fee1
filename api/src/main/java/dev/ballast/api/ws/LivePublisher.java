package dev.ballast.api.ws;

/**
 * Where the rest of the server publishes updates for the {@code orders} and {@code decisions}
 * topics (the execution and strategy entities, once wired); safe to call from any thread, and
 * never blocks: an update the hub has no room for is dropped, the next one of its key replaces it.
 */
public interface LivePublisher {
  void publish(String topic, String key, Object data);
}
