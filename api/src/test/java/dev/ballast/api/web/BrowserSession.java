package dev.ballast.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.api.server.TestServer;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What every dashboard browser test class shares: one real server per class (H2 in the class's
 * directory), a fresh browser with its own profile for each test, handed to the test as a {@link
 * Browser} parameter, and the server closed after the class. Registered as a static field with
 * {@code @RegisterExtension}; the class's {@code @BeforeAll} calls {@link #start} and sets up its
 * data.
 */
final class BrowserSession implements BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {
  private TestServer server;
  private Browser page;
  private Path profile;

  /**
   * Starts the server with {@code settings} (HOCON) and a cheap password hash; skips the class where
   * Chromium is absent and CI is not set.
   */
  TestServer start(Path dir, String settings) throws IOException {
    Browser.assumePresent();
    server = TestServer.start(dir, TestDatabases.h2(dir.resolve("data")), "ballast.auth.bcrypt-cost = 4\n" + settings);
    return server;
  }

  /** Adds a user per {@code name:role}, each with the password {@code NAME-password} that {@link Browser#logIn} types. */
  void users(String... namesAndRoles) {
    for (String user : namesAndRoles) {
      String[] nameAndRole = user.split(":", 2);
      ok(201, server.post("/api/users", Map.of("name", nameAndRole[0], "password", nameAndRole[0] + "-password", "role", nameAndRole[1])));
    }
  }

  static void ok(int status, TestServer.Reply reply) {
    assertEquals(status, reply.status(), String.valueOf(reply.body()));
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    profile = Files.createTempDirectory("ballast-browser-");
    page = Browser.open(server, profile);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (page != null) {
        page.close();
      }
    } finally {
      page = null;
      delete(profile);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Browser.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return page;
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the browser profile " + dir, e);
    }
  }
}
