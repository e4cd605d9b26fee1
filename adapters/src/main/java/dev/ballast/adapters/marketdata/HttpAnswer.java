package dev.ballast.adapters.marketdata;

import java.nio.charset.StandardCharsets;

/** A response a source sent that is not a rate limit or a server error: the adapter reads it. */
public record HttpAnswer(int status, byte[] body) {
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
