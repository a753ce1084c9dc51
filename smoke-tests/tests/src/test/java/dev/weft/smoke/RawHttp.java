package dev.weft.smoke;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange over a plain socket, returning the response exactly as sent: the status
 * line, every header line in order, and the body bytes. The JDK client normalizes headers; this
 * is for the tests that compare responses with and without the agent byte for byte.
 * Stateless; socket reads time out.
 */
final class RawHttp {

  private static final int TIMEOUT_MILLIS = 20_000;

  /**
   * A raw response.
   *
   * @param statusLine e.g. {@code HTTP/1.1 200 }
   * @param headerLines the header lines as sent, without CRLF
   * @param body the message body; a chunked body is de-chunked
   */
  record Response(String statusLine, List<String> headerLines, byte[] body) {

    String bodyText() {
      return new String(body, StandardCharsets.ISO_8859_1);
    }

    /** Header lines minus those that legitimately differ per response, sorted for comparison. */
    List<String> stableHeaderLines() {
      List<String> stable = new ArrayList<>();
      for (String line : headerLines) {
        String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
        if (!name.equals("date") && !name.equals("keep-alive")) {
          stable.add(line);
        }
      }
      stable.sort(null);
      return stable;
    }

    @Override
    public String toString() {
      return statusLine + " " + headerLines + " body=" + bodyText();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Response r
          && statusLine.equals(r.statusLine)
          && headerLines.equals(r.headerLines)
          && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
      return statusLine.hashCode() * 31 + Arrays.hashCode(body);
    }
  }

  private RawHttp() {}

  /**
   * Sends {@code GET pathAndQuery} with {@code Connection: close} and reads the response to EOF.
   *
   * @param extraHeaders whole header lines to add, e.g. {@code "traceparent: 00-..."}
   */
  static Response get(int port, String pathAndQuery, String... extraHeaders) {
    StringBuilder request = new StringBuilder();
    request.append("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(port).append("\r\n")
        .append("User-Agent: ").append(SmokeHttp.USER_AGENT).append("\r\n")
        .append("Accept: */*\r\n");
    for (String header : extraHeaders) {
      request.append(header).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    byte[] raw;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      raw = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("raw GET " + pathAndQuery + " on port " + port + " failed", e);
    }
    return parse(raw);
  }

  static Response parse(byte[] raw) {
    int headerEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (headerEnd < 0) {
      throw new AssertionError("no end of headers in response: "
          + new String(raw, StandardCharsets.ISO_8859_1));
    }
    String head = new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1);
    List<String> lines = new ArrayList<>(Arrays.asList(head.split("\r\n")));
    String statusLine = lines.remove(0);
    byte[] body = Arrays.copyOfRange(raw, headerEnd + 4, raw.length);
    for (String line : lines) {
      if (line.toLowerCase(Locale.ROOT).replace(" ", "").equals("transfer-encoding:chunked")) {
        body = dechunk(body);
      }
    }
    return new Response(statusLine, List.copyOf(lines), body);
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = 0;
    while (true) {
      int lineEnd = indexOf(chunked, new byte[] {'\r', '\n'}, pos);
      if (lineEnd < 0) {
        throw new AssertionError("truncated chunked body");
      }
      String sizeLine = new String(chunked, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
      int semicolon = sizeLine.indexOf(';');
      int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      pos = lineEnd + 2;
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(chunked, pos, size);
      pos += size + 2;
    }
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
