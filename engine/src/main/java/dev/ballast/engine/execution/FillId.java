package dev.ballast.engine.execution;

/** The venue's id of one execution (a trade id), unique per venue: the external id a fill is recorded under. */
public record FillId(String value) {

  public FillId {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("fill id must not be blank");
    }
  }

  public static FillId of(String value) {
    return new FillId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
