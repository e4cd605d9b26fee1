package dev.ballast.adapters.feed;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A WebSocket server on loopback that a test scripts per connection: it sees what the client sent,
 * sends what the test says, stays silent, or drops the connection.
 */
public final class LoopbackWebSocketServer extends AllDirectives implements AutoCloseable {

  /** One accepted connection. */
  public static final class Connection {
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<BoundedSourceQueue<Message>> out = new CompletableFuture<>();
    private final CompletableFuture<Void> clientGone = new CompletableFuture<>();

    /** The next text the client sent, waiting for it. */
    public String nextReceived(Duration timeout) throws InterruptedException {
      String text = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (text == null) {
        throw new AssertionError("the client sent nothing within " + timeout);
      }
      return text;
    }

    public void send(String text) throws Exception {
      out.get(10, TimeUnit.SECONDS).offer(TextMessage.create(text));
    }

    /** Ends the connection from the server's side, as a venue dropping it. */
    public void drop() throws Exception {
      out.get(10, TimeUnit.SECONDS).complete();
    }

    /** Completes when the client has closed or abandoned the connection. */
    public CompletableFuture<Void> clientGone() {
      return clientGone;
    }
  }

  private final ActorSystem system;
  private final ServerBinding binding;
  private final BlockingQueue<Connection> connections = new LinkedBlockingQueue<>();

  public LoopbackWebSocketServer() throws Exception {
    system = ActorSystem.create("loopback-ws");
    Route route = path("ws", () -> handleWebSocketMessages(flow()));
    binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(route).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private Flow<Message, Message, ?> flow() {
    Connection connection = new Connection();
    connections.add(connection);
    Materializer materializer = Materializer.matFromSystem(system);
    Sink<Message, ?> in = Flow.of(Message.class)
        .mapAsync(1, m -> m.asTextMessage().toStrict(5000, materializer).thenApply(strict -> strict.getStrictText()))
        .to(Sink.<String>foreach(connection.received::add));
    Source<Message, ?> outgoing = Source.<Message>queue(64)
        .mapMaterializedValue(queue -> {
          connection.out.complete(queue);
          return queue;
        })
        .watchTermination((queue, done) -> {
          done.whenComplete((d, e) -> connection.clientGone.complete(null));
          return queue;
        });
    return Flow.fromSinkAndSourceCoupled(in, outgoing);
  }

  public URI uri() {
    return URI.create("ws://127.0.0.1:" + binding.localAddress().getPort() + "/ws");
  }

  /** The next connection a client opened, waiting for it. */
  public Connection nextConnection(Duration timeout) throws InterruptedException {
    Connection connection = connections.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (connection == null) {
      throw new AssertionError("no connection within " + timeout);
    }
    return connection;
  }

  @Override
  public void close() throws Exception {
    binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    system.terminate();
  }
}
