package dev.ballast.engine.model;

/**
 * One thing wrong with one input row: {@code row} is its 1-based position in the batch (an importer
 * maps it to a file line), {@code field} the JSON name of the field to blame.
 */
public record FieldError(int row, String field, String message) {
  @Override
  public String toString() {
    return "row " + row + ", field " + field + ": " + message;
  }
}
