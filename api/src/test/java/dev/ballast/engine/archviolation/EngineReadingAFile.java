package dev.ballast.engine.archviolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Breaks ENGINE_DOES_NO_NETWORK_SQL_OR_FILES on purpose: an engine class that opens a file. */
public final class EngineReadingAFile {
  public static String read(Path file) throws IOException {
    return Files.readString(file);
  }
}
