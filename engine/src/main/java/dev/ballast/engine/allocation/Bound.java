package dev.ballast.engine.allocation;

/** The least and the most weight (fractions of the portfolio) an asset or a group may have. */
public record Bound(double min, double max) {

  public static final Bound UNIT = new Bound(0, 1);

  public Bound {
    if (!Double.isFinite(min) || !Double.isFinite(max)) {
      throw new IllegalArgumentException("bound " + min + ":" + max + ": not a number");
    }
  }

  public boolean contains(double weight, double tolerance) {
    return weight >= min - tolerance && weight <= max + tolerance;
  }

  @Override
  public String toString() {
    return min + ":" + max;
  }
}
