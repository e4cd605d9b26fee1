package dev.ballast.api.ws;

import java.util.Objects;

/**
 * One update for WebSocket clients: a topic ({@code portfolio}, {@code prices}, {@code orders},
 * {@code decisions}), the key within it (a portfolio id, an instrument, an account) and the data
 * as JSON. A slow client gets the latest update per topic and key.
 */
public record LiveUpdate(String topic, String key, String json) {
  public LiveUpdate {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(json, "json");
  }

  String conflationKey() {
    return topic + "\u0000" + key;
  }
}
