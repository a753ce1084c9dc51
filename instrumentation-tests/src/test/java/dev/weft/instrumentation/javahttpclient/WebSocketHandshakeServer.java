package dev.weft.instrumentation.javahttpclient;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Accepts one WebSocket opening handshake on loopback (RFC 6455 section 4.2.2: answers 101 with
 * the {@code Sec-WebSocket-Accept} the client expects) and records its request lines; enough for
 * the JDK client's {@code WebSocket.Builder.buildAsync} to complete. Nothing after the handshake.
 */
final class WebSocketHandshakeServer implements AutoCloseable {

  private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final ServerSocket socket;
  private final CompletableFuture<List<String>> handshake = new CompletableFuture<>();
  private final Thread acceptor;

  private WebSocketHandshakeServer() throws Exception {
    socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptOne, "websocket-handshake-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static WebSocketHandshakeServer start() throws Exception {
    return new WebSocketHandshakeServer();
  }

  URI uri() {
    return URI.create("ws://127.0.0.1:" + socket.getLocalPort() + "/ws");
  }

  /** The request line and header lines of the handshake. */
  List<String> awaitHandshake() throws Exception {
    return handshake.get(10, TimeUnit.SECONDS);
  }

  private void acceptOne() {
    try (Socket connection = socket.accept()) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
      List<String> lines = new ArrayList<>();
      String key = null;
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        lines.add(line);
        if (line.regionMatches(true, 0, "Sec-WebSocket-Key:", 0, 18)) {
          key = line.substring(18).trim();
        }
      }
      String accept =
          Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-1")
                      .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.ISO_8859_1)));
      OutputStream out = connection.getOutputStream();
      out.write(
          ("HTTP/1.1 101 Switching Protocols\r\n"
                  + "Upgrade: websocket\r\n"
                  + "Connection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: "
                  + accept
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      handshake.complete(lines);
      // Keep the connection until the client aborts it.
      while (connection.getInputStream().read() >= 0) {
        // discard
      }
    } catch (Exception e) {
      handshake.completeExceptionally(e);
    }
  }

  @Override
  public void close() throws Exception {
    socket.close();
    acceptor.join(TimeUnit.SECONDS.toMillis(5));
  }
}
