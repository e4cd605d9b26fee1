package dev.ballast.benchmarks.ws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Many WebSocket clients read by a few selector threads, for the ws benchmark: the upgrade and
 * the frames (RFC 6455) done by hand so that a client's cost per message is a read and a scan of
 * its bytes. java.net.http's WebSocket costs several times that per message, and with 1,000
 * clients in the server's JVM on 2 cores the clients, not the server, set the latency.
 */
final class NioWsClients implements AutoCloseable {

  /** Gets each whole text message of client {@code client}, stamped with {@code at} (nanoTime when its bytes were read). */
  interface Receiver {
    void onText(int client, byte[] buffer, int offset, int length, long at);
  }

  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
  private final Receiver receiver;
  private final List<Reader> readers = new ArrayList<>();
  private final List<SocketChannel> channels = new ArrayList<>();
  private volatile boolean running = true;

  NioWsClients(int threads, Receiver receiver) throws IOException {
    this.receiver = receiver;
    for (int i = 0; i < threads; i++) {
      Reader reader = new Reader(Selector.open());
      Thread thread = new Thread(reader, "bench-ws-reader-" + i);
      thread.setDaemon(true);
      thread.start();
      readers.add(reader);
    }
  }

  /**
   * Opens client number {@code client}: the upgrade (with the bearer token if given), then
   * {@code first} as a text message if given, then its reader reads it.
   */
  void open(int client, URI uri, String token, String first) throws IOException {
    SocketChannel channel = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    String request = "GET " + (uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()) + " HTTP/1.1\r\n"
        + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n"
        + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
    writeFully(channel, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
    ByteBuffer in = ByteBuffer.allocate(1 << 16);
    int end;
    while ((end = indexOf(in.array(), 0, in.position(), HEADER_END)) < 0) {
      if (channel.read(in) < 0 || !in.hasRemaining()) {
        throw new IOException("client " + client + ": the upgrade got no whole answer");
      }
    }
    String status = new String(in.array(), 0, end, StandardCharsets.US_ASCII);
    if (!status.startsWith("HTTP/1.1 101")) {
      throw new IOException("client " + client + ": the upgrade was answered " + status.lines().findFirst().orElse(""));
    }
    // what followed the answer's headers already is frames: keep it
    in.flip();
    in.position(end + HEADER_END.length);
    in.compact();
    if (first != null) {
      writeFully(channel, frame(first));
    }
    channel.configureBlocking(false);
    synchronized (channels) {
      channels.add(channel);
    }
    Reader reader = readers.get(client % readers.size());
    reader.pending.add(new Connection(client, channel, in));
    reader.selector.wakeup();
  }

  private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.write(buffer) == 0) {
        Thread.onSpinWait();
      }
    }
  }

  /** A masked text frame, as a client must send. */
  static ByteBuffer frame(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
    b.put((byte) 0x81);
    if (payload.length < 126) {
      b.put((byte) (0x80 | payload.length));
    } else if (payload.length < 65536) {
      b.put((byte) (0x80 | 126)).putShort((short) payload.length);
    } else {
      b.put((byte) (0x80 | 127)).putLong(payload.length);
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    b.put(mask);
    for (int i = 0; i < payload.length; i++) {
      b.put((byte) (payload[i] ^ mask[i & 3]));
    }
    b.flip();
    return b;
  }

  static int indexOf(byte[] data, int from, int to, byte[] wanted) {
    outer:
    for (int i = from; i <= to - wanted.length; i++) {
      for (int j = 0; j < wanted.length; j++) {
        if (data[i + j] != wanted[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private record Connection(int client, SocketChannel channel, ByteBuffer in) {}

  private final class Reader implements Runnable {
    final Selector selector;
    final Queue<Connection> pending = new ConcurrentLinkedQueue<>();

    Reader(Selector selector) {
      this.selector = selector;
    }

    @Override
    public void run() {
      try {
        while (running) {
          selector.select(100);
          for (Connection c; (c = pending.poll()) != null; ) {
            c.channel().register(selector, SelectionKey.OP_READ, c);
            // bytes read with the upgrade's answer
            frames(c, System.nanoTime());
          }
          Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
          while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            Connection c = (Connection) key.attachment();
            try {
              int n = c.channel().read(c.in());
              long at = System.nanoTime();
              if (n < 0) {
                key.cancel();
                c.channel().close();
                continue;
              }
              frames(c, at);
            } catch (IOException e) {
              key.cancel();
              c.channel().close();
            }
          }
        }
      } catch (IOException | java.nio.channels.ClosedSelectorException e) {
        if (running) {
          throw new IllegalStateException("a bench ws reader failed", e);
        }
      }
    }

    /** Hands every whole frame in the buffer over and keeps a partial one for the next read. */
    private void frames(Connection c, long at) throws IOException {
      ByteBuffer in = c.in();
      byte[] a = in.array();
      int limit = in.position();
      int at0 = 0;
      while (limit - at0 >= 2) {
        int opcode = a[at0] & 0x0f;
        int len = a[at0 + 1] & 0x7f;
        int header = 2;
        if (len == 126) {
          if (limit - at0 < 4) {
            break;
          }
          len = ((a[at0 + 2] & 0xff) << 8) | (a[at0 + 3] & 0xff);
          header = 4;
        } else if (len == 127) {
          if (limit - at0 < 10) {
            break;
          }
          len = (int) ByteBuffer.wrap(a, at0 + 2, 8).getLong();
          header = 10;
        }
        if (header + len > a.length) {
          throw new IOException("client " + c.client() + ": a frame of " + len + " bytes, more than the bench reads");
        }
        if (limit - at0 < header + len) {
          break;
        }
        int payload = at0 + header;
        if (opcode == 1) {
          receiver.onText(c.client(), a, payload, len, at);
        } else if (opcode == 9) {
          // a ping: the pong carries its payload back, masked
          ByteBuffer pong = frame(new String(a, payload, len, StandardCharsets.UTF_8));
          pong.put(0, (byte) 0x8a);
          writeFully(c.channel(), pong);
        } else if (opcode != 10 && opcode != 8) {
          throw new IOException("client " + c.client() + ": opcode " + opcode + " (fragmented or binary) is not read by the bench");
        }
        at0 += header + len;
      }
      in.position(at0);
      in.limit(limit);
      in.compact();
    }
  }

  @Override
  public void close() {
    running = false;
    synchronized (channels) {
      for (SocketChannel channel : channels) {
        try {
          channel.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
    }
    for (Reader reader : readers) {
      try {
        reader.selector.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
