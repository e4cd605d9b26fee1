package dev.ballast.adapters.feed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads recorded feed messages from the test resources. */
public final class FeedSamples {
  private FeedSamples() {}

  public static String read(String venue, String name) {
    String path = "/dev/ballast/adapters/feed/" + venue + "/" + name;
    try (InputStream in = FeedSamples.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new AssertionError("no sample " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
