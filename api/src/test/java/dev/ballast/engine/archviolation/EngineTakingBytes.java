package dev.ballast.engine.archviolation;

import java.io.IOException;
import java.io.InputStream;

/** Keeps ENGINE_DOES_NO_NETWORK_SQL_OR_FILES: an InputStream of bytes is what a port may take. */
public final class EngineTakingBytes {
  public static int first(InputStream in) throws IOException {
    return in.read();
  }
}
