package dev.ballast.engine.account.sync;

import java.util.Objects;

/** The failure an {@link AccountAdapter} stage completes with: the venue and the typed error. */
public final class AccountAdapterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String venue;
  private final transient AccountAdapterError error;

  public AccountAdapterException(String venue, AccountAdapterError error) {
    super(venue + ": " + error.message());
    this.venue = Objects.requireNonNull(venue, "venue");
    this.error = error;
  }

  public String venue() {
    return venue;
  }

  public AccountAdapterError error() {
    return error;
  }
}
