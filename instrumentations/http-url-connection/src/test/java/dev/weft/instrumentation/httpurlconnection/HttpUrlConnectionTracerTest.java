package dev.weft.instrumentation.httpurlconnection;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.api.AgentThread;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.api.Tracing;
import dev.weft.core.WeftSdk;
import dev.weft.core.config.ConfigProperties;
import dev.weft.core.export.InMemorySpanExporter;
import dev.weft.core.trace.SpanData;
import dev.weft.instrumentation.http.HttpClientSpans;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tracer's rules against connection classes that are not the JDK's (the JDK's own are
 * tested with the agent attached, in instrumentation-tests). The connections here call the
 * tracer the way the woven advice does, and the real tracer records to its in-memory exporter.
 */
class HttpUrlConnectionTracerTest {

  @BeforeAll
  static void installTracer() {
    Map<String, String> config = new HashMap<>();
    config.put("otel.traces.exporter", "memory");
    config.put("otel.bsp.schedule.delay", "10");
    config.put("otel.service.name", "http-url-connection-unit");
    Tracing.install(WeftSdk.create(ConfigProperties.of(config)).tracer());
  }

  @BeforeEach
  void forgetSpans() {
    InMemorySpanExporter.INSTANCE.reset();
  }

  @AfterEach
  void depthIsBalanced() {
    assertEquals(0, HttpClientSpans.DEPTH.enter(), "a call left the call depth raised");
    HttpClientSpans.DEPTH.exit();
  }

  @Test
  void getInputStreamOfAClassThatNeverAsksItsOwnStatus_stillRecordsTheStatus() throws Exception {
    FakeConnection connection = new FakeConnection(200);
    connection.asksOwnStatus = false;

    connection.getInputStream().close();

    SpanData span = onlySpan();
    assertAll(
        () -> assertEquals(200L, longAttr(span, "http.response.status_code")),
        () -> assertEquals("1.0", stringAttr(span, "network.protocol.version")),
        () -> assertEquals(1, connection.requestsSent));
  }

  @Test
  void nestedStatus_isWhatTheOutermostCallRecords_lastHopWins() throws Exception {
    FakeConnection connection = new FakeConnection(200);
    connection.redirectFirst = true;

    connection.getInputStream().close();

    SpanData span = onlySpan();
    assertAll(
        () -> assertEquals("GET", span.name()),
        () -> assertEquals(200L, longAttr(span, "http.response.status_code")),
        () -> assertEquals(2, connection.requestsSent));
  }

  @Test
  void connectionThatRefusesHeaders_isStillTraced_andTheApplicationUnaffected() throws Exception {
    FakeConnection connection = new FakeConnection(204);
    connection.refusesHeaders = true;

    assertEquals(204, connection.getResponseCode());

    SpanData span = onlySpan();
    assertAll(
        () -> assertEquals(204L, longAttr(span, "http.response.status_code")),
        () -> assertEquals(StatusCode.UNSET, span.statusCode()));
  }

  @Test
  void headersAreSet_notAdded_soTheApplicationsValueIsReplaced() throws Exception {
    FakeConnection connection = new FakeConnection(200);
    connection.setRequestProperty("traceparent", "00-11111111111111111111111111111111-2222222222222222-01");

    connection.getResponseCode();

    SpanData span = onlySpan();
    assertEquals(
        "00-"
            + span.spanContext().traceIdHex()
            + "-"
            + span.spanContext().spanIdHex()
            + String.format("-%02x", span.spanContext().traceFlags() & 0xff),
        connection.sentTraceparent);
  }

  @Test
  void connectOnOneThread_readOnAnother_isOneSpan() throws Exception {
    FakeConnection connection = new FakeConnection(200);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread connector =
        new Thread(
            () -> {
              try {
                connection.connect();
              } catch (Throwable t) {
                failure.set(t);
              }
            });
    connector.start();
    connector.join();
    assertNull(failure.get());

    assertEquals(200, connection.getResponseCode());
    connection.getInputStream().close();

    onlySpan();
  }

  @Test
  void failingConnect_endsTheSpan_andLaterCallsAddNothing() throws Exception {
    FakeConnection connection = new FakeConnection(200);
    connection.refuse = true;

    assertThrows(ConnectException.class, connection::connect);
    assertThrows(ConnectException.class, connection::getResponseCode);

    SpanData span = onlySpan();
    assertAll(
        () -> assertEquals(ConnectException.class.getName(), stringAttr(span, "error.type")),
        () -> assertEquals(StatusCode.ERROR, span.statusCode()),
        () -> assertEquals(2, connection.refusals));
  }

  @Test
  void onAnAgentThread_nothingIsStarted_injectedOrTracked() throws Exception {
    FakeConnection connection = new FakeConnection(200);
    AtomicReference<Object> outcome = new AtomicReference<>();
    AgentThread exporter =
        new AgentThread(
            "weft-test-exporter",
            () -> {
              try {
                outcome.set(connection.getResponseCode());
              } catch (Throwable t) {
                outcome.set(t);
              }
            });
    exporter.start();
    exporter.join();

    assertAll(
        () -> assertEquals(200, outcome.get()),
        () -> assertNull(connection.sentTraceparent),
        // Asked of this connection, not as a count: the map is weak, and the collector may
        // clear other tests' connections at any moment.
        () -> assertFalse(HttpUrlConnectionTracer.isTracked(connection)));
    awaitMarker();
    assertEquals(Collections.emptyList(), clientSpans());
  }

  @Test
  void protocolVersion_isReadFromTheStatusLine() {
    assertAll(
        () -> assertEquals("1.1", HttpUrlConnectionTracer.protocolVersion("HTTP/1.1 200 OK")),
        () -> assertEquals("1.0", HttpUrlConnectionTracer.protocolVersion("HTTP/1.0 404")),
        () -> assertEquals("1.1", HttpUrlConnectionTracer.protocolVersion("HTTP/1.1")),
        () -> assertEquals("2", HttpUrlConnectionTracer.protocolVersion("HTTP/2 200")),
        () -> assertNull(HttpUrlConnectionTracer.protocolVersion("ICY 200 OK")),
        () -> assertNull(HttpUrlConnectionTracer.protocolVersion(null)));
  }

  @Test
  void serverAddress_isTheHostWithoutIpv6Brackets() {
    assertAll(
        () -> assertEquals("::1", ConnectionState.serverAddress("[::1]")),
        () -> assertEquals("example.com", ConnectionState.serverAddress("example.com")),
        () -> assertNull(ConnectionState.serverAddress(null)));
  }

  // ---- helpers ----

  private static SpanData onlySpan() {
    awaitMarker();
    List<SpanData> spans = clientSpans();
    if (spans.size() != 1) {
      fail("expected one client span, got " + spans);
    }
    SpanData span = spans.get(0);
    assertEquals("dev.weft.http-url-connection", span.scopeName());
    return span;
  }

  private static List<SpanData> clientSpans() {
    List<SpanData> spans = new ArrayList<>();
    for (SpanData span : InMemorySpanExporter.INSTANCE.spans()) {
      if (span.kind() == SpanKind.CLIENT) {
        spans.add(span);
      }
    }
    return spans;
  }

  /** Ends a marker span and waits until it is exported: everything ended before it is too. */
  private static void awaitMarker() {
    String name = "marker-" + System.nanoTime();
    Tracing.tracer("test").start(name, SpanKind.INTERNAL, dev.weft.api.Context.root()).end();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      for (SpanData span : InMemorySpanExporter.INSTANCE.spans()) {
        if (span.name().equals(name)) {
          return;
        }
      }
      if (System.nanoTime() > deadline) {
        fail("the marker span was not exported");
      }
      Thread.yield();
    }
  }

  private static String stringAttr(SpanData span, String key) {
    int i = span.attributes().indexOf(key);
    return i < 0 ? null : span.attributes().stringValue(i);
  }

  private static Long longAttr(SpanData span, String key) {
    int i = span.attributes().indexOf(key);
    return i < 0 ? null : span.attributes().longValue(i);
  }

  /**
   * A connection class that is not the JDK's, woven by hand: each of the four methods calls the
   * tracer as the advice does. Its getInputStream asks its own getResponseCode, as the JDK's
   * does, unless told otherwise; it answers HTTP/1.0 so the version is visibly read.
   */
  static final class FakeConnection extends HttpURLConnection {
    boolean asksOwnStatus = true;
    boolean redirectFirst;
    boolean refusesHeaders;
    boolean refuse;
    int requestsSent;
    String sentTraceparent;
    int refusals;
    private final int finalStatus;
    private int currentStatus = -1;

    FakeConnection(int status) throws IOException {
      super(new URL("http://example.com:8080/path"));
      this.finalStatus = status;
    }

    @Override
    public void setRequestProperty(String key, String value) {
      if (refusesHeaders) {
        throw new IllegalStateException("Already connected");
      }
      super.setRequestProperty(key, value);
    }

    @Override
    public void connect() throws IOException {
      CallScope scope = HttpUrlConnectionTracer.enter(this);
      Throwable thrown = null;
      try {
        doConnect();
      } catch (Throwable t) {
        thrown = t;
        throw t;
      } finally {
        HttpUrlConnectionTracer.exit(scope, this, HttpUrlConnectionTracer.CONNECT, 0, thrown);
      }
    }

    @Override
    public InputStream getInputStream() throws IOException {
      CallScope scope = HttpUrlConnectionTracer.enter(this);
      Throwable thrown = null;
      try {
        return doGetInputStream();
      } catch (Throwable t) {
        thrown = t;
        throw t;
      } finally {
        HttpUrlConnectionTracer.exit(
            scope, this, HttpUrlConnectionTracer.GET_INPUT_STREAM, 0, thrown);
      }
    }

    @Override
    public int getResponseCode() throws IOException {
      CallScope scope = HttpUrlConnectionTracer.enter(this);
      Throwable thrown = null;
      int status = 0;
      try {
        status = doGetResponseCode();
        return status;
      } catch (Throwable t) {
        thrown = t;
        throw t;
      } finally {
        HttpUrlConnectionTracer.exit(
            scope, this, HttpUrlConnectionTracer.GET_RESPONSE_CODE, status, thrown);
      }
    }

    @Override
    public String getHeaderField(int n) {
      return n == 0 && currentStatus > 0 ? "HTTP/1.0 " + currentStatus + " Whatever" : null;
    }

    private void doConnect() throws IOException {
      if (refuse) {
        refusals++;
        throw new ConnectException("Connection refused");
      }
      connected = true;
    }

    private InputStream doGetInputStream() throws IOException {
      if (currentStatus < 0) {
        connect();
        if (sentTraceparent == null) {
          sentTraceparent = getRequestPropertyUnchecked("traceparent");
        }
        if (redirectFirst) {
          requestsSent++;
          currentStatus = 302;
          if (asksOwnStatus) {
            getResponseCode();
          }
        }
        requestsSent++;
        currentStatus = finalStatus;
        if (asksOwnStatus) {
          getResponseCode();
        }
      }
      return new ByteArrayInputStream(new byte[] {'o', 'k'});
    }

    private int doGetResponseCode() throws IOException {
      if (currentStatus < 0) {
        getInputStream();
      }
      return currentStatus;
    }

    /** The request property as sent; URLConnection refuses to show it once connected. */
    private String getRequestPropertyUnchecked(String key) {
      boolean was = connected;
      connected = false;
      try {
        return refusesHeaders ? null : getRequestProperty(key);
      } finally {
        connected = was;
      }
    }

    @Override
    public void disconnect() {}

    @Override
    public boolean usingProxy() {
      return false;
    }
  }
}
