package dev.ballast.api.server;

import dev.ballast.persistence.testing.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * A server in a JVM of its own on loopback, for the tests that kill it with SIGKILL: the test
 * JVM's own server could not be killed without killing the test. Its output goes to server.log in
 * the test's directory, copied to target/ when it is closed, for the reader of a failure.
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final String keptAs;
  private final URI base;
  private final String token;

  private ServerProcess(Process process, Path log, String keptAs, URI base, String token) {
    this.process = process;
    this.log = log;
    this.keptAs = keptAs;
    this.base = base;
    this.token = token;
  }

  /**
   * Starts {@code ballast serve} on {@code data} with {@code config} and returns once its
   * {@code /health} answers 200. {@code keptAs} names the copy of its log under target/.
   */
  static ServerProcess start(Path dir, Path data, Path config, String keptAs, Duration startTimeout) throws IOException {
    int port = freePort();
    Path log = dir.resolve("server.log");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
            "-cp", System.getProperty("java.class.path"), "dev.ballast.api.Main",
            "serve", "--data", data.toString(), "--port", Integer.toString(port), "--config", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    URI base = URI.create("http://127.0.0.1:" + port);
    try {
      HttpClient http = HttpClient.newHttpClient();
      Eventually.await(startTimeout, () -> healthy(http, base, process), () -> "the server did not become healthy; see " + keptAs);
      String token = Files.readString(data.resolve(AdminToken.FILE), StandardCharsets.UTF_8).trim();
      return new ServerProcess(process, log, keptAs, base, token);
    } catch (RuntimeException | Error e) {
      process.destroyForcibly();
      keepLog(log, keptAs);
      throw e;
    }
  }

  URI base() {
    return base;
  }

  /** The admin token the server wrote on its first start. */
  String token() {
    return token;
  }

  /** SIGKILL, and waits until the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    keepLog(log, keptAs);
  }

  private static boolean healthy(HttpClient http, URI base, Process process) {
    if (!process.isAlive()) {
      throw new AssertionError("the server process ended with " + process.exitValue() + "; see its log");
    }
    try {
      return http.send(HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notListeningYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the server", e);
    }
  }

  private static void keepLog(Path log, String keptAs) {
    try {
      if (Files.exists(log)) {
        Files.copy(log, Path.of("target", keptAs), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not keep the server's log as target/" + keptAs, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
