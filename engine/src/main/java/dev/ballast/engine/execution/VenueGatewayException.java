package dev.ballast.engine.execution;

import java.util.Objects;

/** The failure a {@link VenueGateway} stage completes with: the venue and the typed error. */
public final class VenueGatewayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String venue;
  private final transient VenueError error;

  public VenueGatewayException(String venue, VenueError error) {
    super(venue + ": " + error.message());
    this.venue = Objects.requireNonNull(venue, "venue");
    this.error = error;
  }

  public String venue() {
    return venue;
  }

  public VenueError error() {
    return error;
  }
}
