package dev.ballast.engine.statement;

import java.util.regex.Pattern;

/**
 * A file format an importer reads: its name ({@code rakuten-jp-trades}, used by {@code --format})
 * and what it expects, shown when a file matches no format.
 */
public record StatementFormat(String name, String expects) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9\\-]{0,63}");

  public StatementFormat {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("format name must be 1-64 lower-case letters, digits or -, got " + name);
    }
    if (expects == null || expects.isBlank()) {
      throw new IllegalArgumentException("format " + name + ": say what it expects");
    }
  }
}
