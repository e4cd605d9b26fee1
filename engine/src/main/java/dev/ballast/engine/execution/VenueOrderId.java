package dev.ballast.engine.execution;

/** The venue's id of an order, as the venue wrote it. */
public record VenueOrderId(String value) {

  public VenueOrderId {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("venue order id must not be blank");
    }
  }

  public static VenueOrderId of(String value) {
    return new VenueOrderId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
