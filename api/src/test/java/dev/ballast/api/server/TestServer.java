package dev.ballast.api.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.adapters.statement.json.JsonTransactionFile;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.testing.ReadSideAwait;
import dev.ballast.persistence.testing.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A real server for a test, on loopback with a free port, on H2 or PostgreSQL, talked to over
 * real HTTP. Restartable on the same data.
 */
public final class TestServer implements AutoCloseable {
  private static final ObjectMapper JSON = JsonTransactionFile.mapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Path dir;
  private final Path configFile;
  private BallastServer server;
  private String token;

  /** One HTTP answer. */
  public record Reply(int status, String contentType, JsonNode body) {}

  private Clock clock = Clock.systemUTC();

  private TestServer(Path dir, Path configFile) {
    this.dir = dir;
    this.configFile = configFile;
  }

  /** Writes the config for the database and starts the server on it. */
  public static TestServer start(Path dir, DatabaseSettings db, String extraConfig) throws IOException {
    Path config = dir.resolve("test.conf");
    Files.writeString(config, configText(db) + extraConfig);
    TestServer s = new TestServer(dir, config);
    s.startAgain();
    return s;
  }

  /** The same on a clock of the test's choosing (the server's business time; the actor system keeps its own). */
  public static TestServer start(Path dir, DatabaseSettings db, String extraConfig, Clock clock) throws IOException {
    Path config = dir.resolve("test.conf");
    Files.writeString(config, configText(db) + extraConfig);
    TestServer s = new TestServer(dir, config);
    s.clock = clock;
    s.startAgain();
    return s;
  }

  /** The config a test server uses: the database, remoting on a free port, quick asks. */
  public static String configText(DatabaseSettings db) {
    return (db.kind() == DatabaseSettings.Kind.POSTGRES ? TestDatabases.hocon(db) : "")
        + "pekko.remote.artery.canonical.port = 0\n"
        + "pekko.loglevel = WARNING\n";
  }

  public Path dataDir() {
    return dir.resolve("data");
  }

  public Path configFile() {
    return configFile;
  }

  /** Starts (again) on the same data with the current config file. */
  public void startAgain() throws IOException {
    server = BallastServer.start(BallastConfig.load(configFile, dataDir(), 0), clock);
    token = Files.readString(dataDir().resolve(AdminToken.FILE), StandardCharsets.UTF_8).trim();
  }

  /** Replaces the extra config lines for the next start. */
  public void reconfigure(DatabaseSettings db, String extraConfig) throws IOException {
    Files.writeString(configFile, configText(db) + extraConfig);
  }

  public void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  public BallastServer server() {
    return server;
  }

  public String token() {
    return token;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), token);
  }

  public Reply getWithToken(String path, String bearer) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), bearer);
  }

  public Reply post(String path, Object body) {
    return send(HttpRequest.newBuilder(uri(path)).POST(publisher(body)).header("Content-Type", "application/json"), token);
  }

  /** A POST with headers of its own (such as an {@code Idempotency-Key}). */
  public Reply post(String path, Object body, java.util.Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(publisher(body)).header("Content-Type", "application/json");
    headers.forEach(request::header);
    return send(request, token);
  }

  public Reply put(String path, Object body) {
    return send(HttpRequest.newBuilder(uri(path)).PUT(publisher(body)).header("Content-Type", "application/json"), token);
  }

  /** Any method with a JSON body (or none: null) and the given bearer token (null: none). */
  public Reply request(String method, String path, Object body, String bearer) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.method(method, publisher(body)).header("Content-Type", "application/json");
    }
    return send(request, bearer);
  }

  public Reply delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE(), token);
  }

  /**
   * Waits until every read-side slice has committed the journal's last event of that slice (as the
   * journal stood when called): then every list reflects every write acknowledged before.
   */
  public void awaitReadSide() {
    ReadSideAwait.caughtUp(server.database(), server.readSide());
  }

  private HttpRequest.BodyPublisher publisher(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Reply send(HttpRequest.Builder request, String bearer) {
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      String type = r.headers().firstValue("Content-Type").orElse("");
      return new Reply(r.statusCode(), type, r.body().isBlank() ? null : JSON.readTree(r.body()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static ObjectMapper json() {
    return JSON;
  }

  @Override
  public void close() {
    stop();
  }
}
