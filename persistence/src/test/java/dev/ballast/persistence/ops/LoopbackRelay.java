package dev.ballast.persistence.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Forwards loopback connections to the database; close() cuts every one of them and stops listening. */
final class LoopbackRelay implements AutoCloseable {
  final int port;
  private final ServerSocket server;
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  LoopbackRelay(int listenPort, int targetPort) throws IOException {
    server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
    port = server.getLocalPort();
    Thread accept = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
          open.add(client);
          open.add(target);
          pipe(client, target);
          pipe(target, client);
        } catch (IOException e) {
          return;
        }
      }
    }, "relay-accept");
    accept.setDaemon(true);
    accept.start();
  }

  private void pipe(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // one side closed: the other follows
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }, "relay-pipe");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
    open.clear();
  }
}
