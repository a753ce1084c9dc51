package dev.weft.core.export.zipkin;

import dev.weft.api.SpanKind;
import dev.weft.core.trace.AttributeType;
import dev.weft.core.trace.Attributes;
import dev.weft.core.trace.SpanData;

/**
 * The other side of a span as Zipkin's {@code remoteEndpoint} shows it, worked out from the
 * span's attributes as the OpenTelemetry specification's Zipkin mapping ranks them.
 *
 * <ul>
 *   <li>{@code serviceName}, for CLIENT and PRODUCER spans only: {@code peer.service}, else
 *       {@code server.address}, else {@code network.peer.address}.
 *   <li>{@code ipv4}/{@code ipv6}: {@code network.peer.address} when it is an IP literal, else
 *       (CLIENT and PRODUCER) {@code server.address}, else (SERVER and CONSUMER) {@code
 *       client.address}, when that is one; host names are never resolved.
 *   <li>{@code port}: {@code network.peer.port}, else (CLIENT and PRODUCER) {@code server.port}.
 * </ul>
 *
 * <p>Immutable; made per span on the export thread.
 */
final class RemoteEndpoint {

  private final String serviceName;
  private final String ipv4;
  private final String ipv6;
  private final int port;

  private RemoteEndpoint(String serviceName, String ipv4, String ipv6, int port) {
    this.serviceName = serviceName;
    this.ipv4 = ipv4;
    this.ipv6 = ipv6;
    this.port = port;
  }

  /** The remote endpoint of {@code span}, or null when its attributes name none. */
  static RemoteEndpoint of(SpanData span) {
    Attributes attributes = span.attributes();
    if (attributes == null || attributes.size() == 0) {
      return null;
    }
    SpanKind kind = span.kind();
    boolean outgoing = kind == SpanKind.CLIENT || kind == SpanKind.PRODUCER;
    boolean incoming = kind == SpanKind.SERVER || kind == SpanKind.CONSUMER;
    String peerAddress = string(attributes, "network.peer.address");
    String serverAddress = outgoing ? string(attributes, "server.address") : null;
    String serviceName = null;
    if (outgoing) {
      serviceName = string(attributes, "peer.service");
      if (serviceName == null) {
        serviceName = serverAddress != null ? serverAddress : peerAddress;
      }
    }
    String ip = ipLiteral(peerAddress);
    if (ip == null && outgoing) {
      ip = ipLiteral(serverAddress);
    }
    if (ip == null && incoming) {
      ip = ipLiteral(string(attributes, "client.address"));
    }
    long port = number(attributes, "network.peer.port");
    if (port <= 0 && outgoing) {
      port = number(attributes, "server.port");
    }
    if (port <= 0 || port > 65535) {
      port = 0;
    }
    boolean v6 = ip != null && ip.indexOf(':') >= 0;
    if (serviceName == null && ip == null && port == 0) {
      return null;
    }
    return new RemoteEndpoint(serviceName, v6 ? null : ip, v6 ? ip : null, (int) port);
  }

  /** {@code address} without brackets or zone when it is an IPv4 or IPv6 literal, else null. */
  static String ipLiteral(String address) {
    if (address == null || address.isEmpty()) {
      return null;
    }
    String candidate = address;
    if (candidate.startsWith("[") && candidate.endsWith("]")) {
      candidate = candidate.substring(1, candidate.length() - 1);
    }
    int zone = candidate.indexOf('%');
    if (zone >= 0) {
      candidate = candidate.substring(0, zone);
    }
    if (candidate.indexOf(':') >= 0) {
      return isIpv6(candidate) ? candidate : null;
    }
    return isIpv4(candidate) ? candidate : null;
  }

  private static boolean isIpv4(String s) {
    int parts = 0;
    int value = -1;
    for (int i = 0; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : '.';
      if (c == '.') {
        if (value < 0) {
          return false;
        }
        parts++;
        value = -1;
      } else if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 255) {
          return false;
        }
      } else {
        return false;
      }
    }
    return parts == 4;
  }

  /** Hex groups and colons, at most one {@code ::}; an embedded IPv4 tail is allowed. */
  private static boolean isIpv6(String s) {
    if (s.length() < 2 || s.length() > 45 || s.indexOf(":::") >= 0) {
      return false;
    }
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    int lastColon = s.lastIndexOf(':');
    String tail = s.substring(lastColon + 1);
    String head = s;
    if (tail.indexOf('.') >= 0) {
      if (!isIpv4(tail)) {
        return false;
      }
      head = s.substring(0, lastColon + 1);
    }
    for (int i = 0; i < head.length(); i++) {
      char c = head.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex && c != ':') {
        return false;
      }
    }
    return true;
  }

  private static String string(Attributes attributes, String key) {
    int i = attributes.indexOf(key);
    if (i < 0 || attributes.type(i) != AttributeType.STRING) {
      return null;
    }
    String value = attributes.stringValue(i);
    return value == null || value.isEmpty() ? null : value;
  }

  private static long number(Attributes attributes, String key) {
    int i = attributes.indexOf(key);
    if (i < 0) {
      return 0;
    }
    if (attributes.type(i) == AttributeType.LONG) {
      return attributes.longValue(i);
    }
    if (attributes.type(i) == AttributeType.STRING) {
      try {
        return Long.parseLong(attributes.stringValue(i).trim());
      } catch (RuntimeException e) {
        return 0;
      }
    }
    return 0;
  }

  String serviceName() {
    return serviceName;
  }

  String ipv4() {
    return ipv4;
  }

  String ipv6() {
    return ipv6;
  }

  int port() {
    return port;
  }
}
