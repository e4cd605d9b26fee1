package dev.ballast.engine.archviolation;

import java.io.FileReader;
import java.io.IOException;

/** Breaks ENGINE_DOES_NO_NETWORK_SQL_OR_FILES on purpose through java.io, not java.nio.file. */
public final class EngineOpeningAFileReader {
  public static int firstChar(String name) throws IOException {
    try (FileReader reader = new FileReader(name)) {
      return reader.read();
    }
  }
}
