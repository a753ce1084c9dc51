package dev.weft.core.export;

import dev.weft.api.AgentThread;
import dev.weft.core.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.ProtocolException;
import java.net.URL;
import java.net.UnknownServiceException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLException;

/**
 * Posts one request body to one HTTP endpoint with the retry rules of the OTLP/HTTP
 * specification, for every exporter that speaks HTTP.
 *
 * <ul>
 *   <li>2xx: success; the response body is handed back (up to {@link #MAX_RESPONSE_BYTES}), for
 *       protocols that answer per item, such as Honeycomb's batch API. A 2xx with an HTML page
 *       ({@code text/html}) is a failure, not retried: the endpoint is a web UI or a proxy's
 *       page, not the backend's API.
 *   <li>429, 502, 503, 504, and connection failures (refused, reset, timed out, host not found):
 *       retried with exponential backoff and jitter ({@link RetryPolicy}); a {@code
 *       Retry-After} header (delta-seconds or HTTP-date) replaces the backoff.
 *   <li>Every other status (400, 401, 404, 413, 500, ...), TLS failures and protocol errors:
 *       the post fails at once, with one warning naming the status and the start of the
 *       response body; at most one warning per status per minute.
 * </ul>
 *
 * <p>Bounded in time: one {@link #post}, retries and waits included, never outlives the deadline
 * it is given. Each request is limited by the request timeout (connect and read), and a watchdog
 * thread ({@code weft-export-watchdog}, an {@link AgentThread}) disconnects a request that
 * outlives its share of either, which also covers a body write to a server that stopped reading.
 * A retry that could not start before the deadline is not attempted.
 *
 * <p>Built on {@link HttpURLConnection} so the agent ships no HTTP library. The request uses
 * fixed-length streaming, so the JDK never silently re-sends a POST, and the response is read
 * and closed so the connection goes back to the JDK's keep-alive pool. Log lines name the
 * endpoint without user info, and never a header value (headers carry API keys).
 *
 * <p>Thread-safety: {@link #post} is called by one thread at a time (an exporter's export
 * thread); {@link #shutdown} may be called from any thread, also during a post, which it cuts
 * short (no further attempts, waits end at once). Never throws from {@link #post}.
 */
public final class HttpPoster {

  static final String WATCHDOG_NAME = "weft-export-watchdog";

  /** The most of a 2xx response body {@link Outcome#responseBody()} holds. */
  public static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

  private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** How much of an error response goes into a warning. */
  private static final int SNIPPET_CHARS = 256;

  /** Beyond this, an error response body is not drained; closing drops the connection instead. */
  private static final int MAX_DRAIN_BYTES = 64 * 1024;

  private final URL endpoint;
  private final Map<String, String> headers;
  private final String contentType;
  private final boolean gzip;
  private final long requestTimeoutMillis;
  private final RetryPolicy retryPolicy;
  private final String userAgent;
  private final Sleeper sleeper;
  private final String description;

  private final WarningLimiter warnings = new WarningLimiter(WARNING_INTERVAL_NANOS);
  private final ScheduledThreadPoolExecutor watchdog;
  private final Object pauseLock = new Object();
  private volatile boolean shutdown;

  /**
   * @param name the exporter's short name for logs, e.g. {@code otlp}
   * @param headers extra request headers, e.g. an API key; never logged
   * @param sleeper the waits between attempts; null for real waits that a shutdown cuts short
   */
  HttpPoster(
      String name,
      URL endpoint,
      Map<String, String> headers,
      String contentType,
      boolean gzip,
      long requestTimeoutMillis,
      RetryPolicy retryPolicy,
      String userAgent,
      Sleeper sleeper) {
    this.endpoint = endpoint;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<String, String>(headers));
    this.contentType = contentType;
    this.gzip = gzip;
    this.requestTimeoutMillis = Math.max(1, requestTimeoutMillis);
    this.retryPolicy = retryPolicy;
    this.userAgent = userAgent;
    this.sleeper = sleeper != null ? sleeper : new ShutdownAwareSleeper();
    this.description = describe(endpoint, name);
    this.watchdog = new ScheduledThreadPoolExecutor(1, new WatchdogThreadFactory());
    // No thread until the first request, and none left over when exports stop for a while.
    watchdog.setKeepAliveTime(10, TimeUnit.SECONDS);
    watchdog.allowCoreThreadTimeOut(true);
    watchdog.setRemoveOnCancelPolicy(true);
  }

  /** A poster with the standard waits; see {@link HttpPoster the class}. */
  public static HttpPoster create(
      String name,
      URL endpoint,
      Map<String, String> headers,
      String contentType,
      boolean gzip,
      long requestTimeoutMillis,
      RetryPolicy retryPolicy,
      String userAgent) {
    return new HttpPoster(
        name,
        endpoint,
        headers,
        contentType,
        gzip,
        requestTimeoutMillis,
        retryPolicy,
        userAgent,
        null);
  }

  /**
   * Posts {@code body} (compressed here when gzip is on) until it is accepted, rejected, or the
   * deadline comes.
   *
   * @param itemCount how many items the body carries, for the warning when it is lost
   * @param items what they are, plural, e.g. {@code spans}
   * @param deadlineNanos in {@link System#nanoTime()} terms
   */
  public Outcome post(byte[] rawBody, int itemCount, String items, long deadlineNanos) {
    if (shutdown) {
      return Outcome.FAILED;
    }
    long startNanos = System.nanoTime();
    byte[] body;
    try {
      body = gzip ? gzip(rawBody) : rawBody;
    } catch (IOException | RuntimeException e) {
      warn("gzip", "Could not compress " + itemCount + " " + items + " for " + describe() + ": " + e);
      return Outcome.FAILED;
    }
    String what = itemCount + " " + items;
    for (int attempt = 1; ; attempt++) {
      Attempt result = send(body, deadlineNanos);
      if (result.success()) {
        return Outcome.success(result.responseBody);
      }
      if (shutdown) {
        return Outcome.FAILED;
      }
      if (!result.retryable) {
        warnRejected(result, what);
        return Outcome.FAILED;
      }
      if (attempt >= retryPolicy.maxAttempts()) {
        warnGaveUp(result, attempt, startNanos, what, "");
        return Outcome.FAILED;
      }
      long delayMillis =
          result.retryAfterMillis >= 0 ? result.retryAfterMillis : retryPolicy.delayMillis(attempt);
      long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
      if (delayMillis >= remainingMillis) {
        warnGaveUp(
            result,
            attempt,
            startNanos,
            what,
            result.retryAfterMillis >= 0
                ? "; the server asked to retry after "
                    + delayMillis
                    + " ms, beyond the export timeout"
                : "; the export timeout leaves no time for another attempt");
        return Outcome.FAILED;
      }
      if (!sleeper.sleep(delayMillis) || shutdown) {
        return Outcome.FAILED;
      }
      if (System.nanoTime() - deadlineNanos >= 0) {
        warnGaveUp(result, attempt, startNanos, what, "; the export timeout passed");
        return Outcome.FAILED;
      }
    }
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(raw.length / 4 + 64);
    GZIPOutputStream out = new GZIPOutputStream(compressed);
    try {
      out.write(raw);
    } finally {
      out.close();
    }
    return compressed.toByteArray();
  }

  /** One POST; never throws. */
  private Attempt send(byte[] body, long deadlineNanos) {
    // At least 1 ms: a timeout of 0 would mean no timeout to HttpURLConnection.
    long remainingMillis =
        Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    int timeoutMillis =
        (int) Math.min(Integer.MAX_VALUE, Math.min(requestTimeoutMillis, remainingMillis));
    HttpURLConnection connection = null;
    ScheduledFuture<?> abort = null;
    Aborter aborter = null;
    try {
      connection = (HttpURLConnection) endpoint.openConnection();
      connection.setConnectTimeout(timeoutMillis);
      connection.setReadTimeout(timeoutMillis);
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setUseCaches(false);
      connection.setInstanceFollowRedirects(false);
      // Streaming with a known length: no second copy of the body, and no silent JDK re-send.
      connection.setFixedLengthStreamingMode(body.length);
      for (Map.Entry<String, String> header : headers.entrySet()) {
        connection.setRequestProperty(header.getKey(), header.getValue());
      }
      if (connection.getRequestProperty("User-Agent") == null) {
        connection.setRequestProperty("User-Agent", userAgent);
      }
      connection.setRequestProperty("Content-Type", contentType);
      if (gzip) {
        connection.setRequestProperty("Content-Encoding", "gzip");
      }
      aborter = new Aborter(connection);
      abort = watchdog.schedule(aborter, timeoutMillis, TimeUnit.MILLISECONDS);

      OutputStream out = connection.getOutputStream();
      try {
        out.write(body);
      } finally {
        out.close();
      }
      int status = connection.getResponseCode();
      if (status < 0) {
        drain(connection.getErrorStream(), false);
        return Attempt.failed(null, "the response is not valid HTTP", false);
      }
      boolean success = status >= 200 && status < 300;
      String retryAfter = connection.getHeaderField("Retry-After");
      String reason = connection.getResponseMessage();
      InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      if (success && isHtml(connection.getContentType())) {
        // No tracing API answers with a page: this is a web UI, a proxy's login page or the
        // application itself. Counting the spans as exported would lose them without a word.
        drain(in, false);
        return Attempt.failed(
            null,
            "HTTP " + status + " with an HTML page, not an API response (is this the backend's"
                + " API endpoint rather than a web UI or a proxy?)",
            false);
      }
      if (success) {
        return Attempt.success(readBody(in));
      }
      String snippet = drain(in, true);
      boolean retryable = isRetryableStatus(status);
      long retryAfterMillis =
          retryable ? parseRetryAfterMillis(retryAfter, System.currentTimeMillis()) : -1;
      return Attempt.status(status, reason, snippet, retryable, retryAfterMillis);
    } catch (IOException e) {
      if (connection != null) {
        connection.disconnect();
      }
      if (aborter != null && aborter.fired) {
        return Attempt.failed(e, "timed out after " + timeoutMillis + " ms", true);
      }
      return Attempt.failed(e, tlsDetail(e), isRetryable(e));
    } catch (RuntimeException e) {
      // E.g. a header value with a line break, or the watchdog refusing work after shutdown.
      if (connection != null) {
        connection.disconnect();
      }
      return Attempt.failed(e, null, false);
    } finally {
      if (abort != null) {
        abort.cancel(false);
      }
    }
  }

  /** What a user can do about a TLS failure, or null when {@code e} is none. */
  private static String tlsDetail(IOException e) {
    if (!(e instanceof SSLException)) {
      return null;
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("PKIX") || message.contains("certificat")) {
      return "the server's TLS certificate is not trusted by this JVM (add its CA to the trust"
          + " store, -Djavax.net.ssl.trustStore=...)";
    }
    return "the TLS handshake failed";
  }

  private static boolean isHtml(String contentType) {
    return contentType != null
        && contentType.trim().toLowerCase(Locale.ROOT).startsWith("text/html");
  }

  /** A 2xx response's body, up to {@link #MAX_RESPONSE_BYTES}; closes the stream. */
  private static byte[] readBody(InputStream in) throws IOException {
    if (in == null) {
      return new byte[0];
    }
    try {
      ByteArrayOutputStream body = new ByteArrayOutputStream(256);
      byte[] buffer = new byte[4096];
      int read;
      while (body.size() < MAX_RESPONSE_BYTES && (read = in.read(buffer)) != -1) {
        body.write(buffer, 0, Math.min(read, MAX_RESPONSE_BYTES - body.size()));
      }
      return body.toByteArray();
    } finally {
      in.close();
    }
  }

  /**
   * Reads the response body and closes it, so the connection can be reused.
   *
   * @return the body's first characters when {@code keepSnippet}, else null
   */
  private static String drain(InputStream in, boolean keepSnippet) throws IOException {
    if (in == null) {
      return null;
    }
    try {
      byte[] buffer = new byte[4096];
      ByteArrayOutputStream snippet = keepSnippet ? new ByteArrayOutputStream(SNIPPET_CHARS) : null;
      int total = 0;
      int read;
      while (total < MAX_DRAIN_BYTES && (read = in.read(buffer)) != -1) {
        if (snippet != null && snippet.size() < SNIPPET_CHARS) {
          snippet.write(buffer, 0, Math.min(read, SNIPPET_CHARS - snippet.size()));
        }
        total += read;
      }
      return snippet == null
          ? null
          : printable(new String(snippet.toByteArray(), StandardCharsets.UTF_8));
    } finally {
      in.close();
    }
  }

  /** One line: control characters become spaces, so a body cannot forge log lines. */
  private static String printable(String text) {
    StringBuilder result = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      result.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    return result.toString().trim();
  }

  /** The statuses the OTLP/HTTP specification names as retryable. */
  static boolean isRetryableStatus(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }

  /**
   * Connection-level failures (refused, reset, timed out, host not found, server closed the
   * connection) may pass; configuration and protocol errors will not.
   */
  static boolean isRetryable(IOException e) {
    return !(e instanceof SSLException
        || e instanceof ProtocolException
        || e instanceof UnknownServiceException
        || e instanceof MalformedURLException
        || e instanceof HttpRetryException);
  }

  /**
   * The wait a {@code Retry-After} header asks for, in milliseconds: delta-seconds ({@code
   * 120}) or an HTTP-date ({@code Wed, 21 Oct 2015 07:28:00 GMT}, as from {@code
   * nowEpochMillis}; a past date means 0).
   *
   * @return -1 when absent or unreadable
   */
  static long parseRetryAfterMillis(String value, long nowEpochMillis) {
    if (value == null) {
      return -1;
    }
    String trimmed = value.trim();
    if (trimmed.isEmpty()) {
      return -1;
    }
    boolean digits = true;
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c < '0' || c > '9') {
        digits = false;
        break;
      }
    }
    if (digits) {
      // Anything longer than 9 digits is beyond any export timeout anyway.
      return trimmed.length() > 9 ? Integer.MAX_VALUE * 1000L : Long.parseLong(trimmed) * 1000L;
    }
    // IMF-fixdate, the one form RFC 9110 lets senders generate. SimpleDateFormat is not
    // thread-safe, hence one per call; this runs only on a throttled response.
    SimpleDateFormat format = new SimpleDateFormat("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US);
    format.setTimeZone(TimeZone.getTimeZone("GMT"));
    format.setLenient(false);
    try {
      return Math.max(0, format.parse(trimmed).getTime() - nowEpochMillis);
    } catch (ParseException e) {
      return -1;
    }
  }

  private void warnRejected(Attempt result, String what) {
    StringBuilder message = new StringBuilder(200);
    message.append("Export to ").append(describe()).append(" failed");
    appendCause(message, result);
    message.append("; ").append(what).append(" dropped, not retried");
    if (result.snippet != null && !result.snippet.isEmpty()) {
      message.append(". Response: ").append(result.snippet);
    }
    warn(result.key(), message.toString());
  }

  private void warnGaveUp(
      Attempt result, int attempts, long startNanos, String what, String why) {
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    StringBuilder message = new StringBuilder(200);
    message
        .append("Export to ")
        .append(describe())
        .append(" failed after ")
        .append(attempts)
        .append(attempts == 1 ? " attempt in " : " attempts in ")
        .append(elapsedMillis)
        .append(" ms, last");
    appendCause(message, result);
    message.append(why).append("; ").append(what).append(" dropped");
    warn("gave-up:" + result.key(), message.toString());
  }

  private static void appendCause(StringBuilder message, Attempt result) {
    if (result.status > 0) {
      message.append(" with HTTP ").append(result.status);
      if (result.reason != null && !result.reason.isEmpty()) {
        message.append(' ').append(result.reason);
      }
      return;
    }
    message.append(": ");
    if (result.detail != null) {
      message.append(result.detail);
      if (result.error != null) {
        message.append(" (").append(result.error).append(')');
      }
    } else {
      message.append(result.error);
    }
  }

  private void warn(String key, String message) {
    long suppressed = warnings.tryAcquire(key, System.nanoTime());
    if (suppressed < 0) {
      return;
    }
    if (suppressed > 0) {
      message += " (" + suppressed + " more like this in the last minute)";
    }
    AgentLog.warn(redact(message));
  }

  /**
   * {@code message} without any header value in it: a server or proxy may echo a request header
   * (an API key) in the error body that a warning quotes.
   */
  public String redact(String message) {
    String result = message;
    for (String value : headers.values()) {
      if (value != null && value.length() >= 4) {
        result = result.replace(value, "<redacted>");
      }
    }
    return result;
  }

  private String describe() {
    return description;
  }

  /** The endpoint for log lines, without credentials a URL may carry. */
  private static String describe(URL endpoint, String name) {
    String text = endpoint.toString();
    String userInfo = endpoint.getUserInfo();
    if (userInfo != null) {
      text = text.replace(userInfo + '@', "");
    }
    return text + " (" + name + ')';
  }

  /**
   * Waits {@code millis} between attempts of the caller's own retries (an exporter that retries
   * part of a batch, as the Honeycomb one does), cut short by {@link #shutdown}.
   *
   * @return false when the wait was cut short by shutdown or an interrupt
   */
  public boolean pause(long millis) {
    return !shutdown && sleeper.sleep(millis);
  }

  /** Makes every later post fail at once and cuts short the one in progress. Idempotent. */
  public void shutdown() {
    shutdown = true;
    synchronized (pauseLock) {
      pauseLock.notifyAll();
    }
    watchdog.shutdownNow();
  }

  public URL endpoint() {
    return endpoint;
  }

  boolean gzip() {
    return gzip;
  }

  /** The endpoint and exporter name, as log lines name them; no credentials. */
  public String description() {
    return description;
  }

  /** What became of one {@link #post}. Immutable. */
  public static final class Outcome {
    static final Outcome FAILED = new Outcome(false, null);

    private final boolean success;
    private final byte[] responseBody;

    private Outcome(boolean success, byte[] responseBody) {
      this.success = success;
      this.responseBody = responseBody;
    }

    static Outcome success(byte[] responseBody) {
      return new Outcome(true, responseBody == null ? new byte[0] : responseBody);
    }

    /** Whether the server accepted the body (2xx). */
    public boolean success() {
      return success;
    }

    /** The 2xx response's body, empty when it had none; null on failure. */
    public byte[] responseBody() {
      return responseBody;
    }
  }

  /** Waits between attempts; a seam so tests can see the waits without spending them. */
  interface Sleeper {
    /** Waits {@code millis}; returns false when the wait was cut short (shutdown, interrupt). */
    boolean sleep(long millis);
  }

  /** Waits on a monitor that {@link #shutdown} notifies. */
  private final class ShutdownAwareSleeper implements Sleeper {
    @Override
    public boolean sleep(long millis) {
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      synchronized (pauseLock) {
        while (!shutdown) {
          long left = end - System.nanoTime();
          if (left <= 0) {
            return true;
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(pauseLock, left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        }
      }
      return false;
    }
  }

  /** Closes a connection whose request outlived its time; runs on the watchdog thread. */
  private static final class Aborter implements Runnable {
    private final HttpURLConnection connection;
    volatile boolean fired;

    Aborter(HttpURLConnection connection) {
      this.connection = connection;
    }

    @Override
    public void run() {
      fired = true;
      connection.disconnect();
    }
  }

  private static final class WatchdogThreadFactory implements ThreadFactory {
    @Override
    public Thread newThread(Runnable task) {
      return new AgentThread(WATCHDOG_NAME, task);
    }
  }

  /** The outcome of one request. */
  private static final class Attempt {

    final int status;
    final String reason;
    final String snippet;
    final Exception error;
    final String detail;
    final boolean retryable;
    final long retryAfterMillis;
    /** The 2xx body; null for every failure. */
    final byte[] responseBody;

    private Attempt(
        int status,
        String reason,
        String snippet,
        Exception error,
        String detail,
        boolean retryable,
        long retryAfterMillis,
        byte[] responseBody) {
      this.status = status;
      this.reason = reason;
      this.snippet = snippet;
      this.error = error;
      this.detail = detail;
      this.retryable = retryable;
      this.retryAfterMillis = retryAfterMillis;
      this.responseBody = responseBody;
    }

    static Attempt success(byte[] responseBody) {
      return new Attempt(200, null, null, null, null, false, -1, responseBody);
    }

    static Attempt status(
        int status, String reason, String snippet, boolean retryable, long retryAfterMillis) {
      return new Attempt(status, reason, snippet, null, null, retryable, retryAfterMillis, null);
    }

    static Attempt failed(Exception error, String detail, boolean retryable) {
      return new Attempt(-1, null, null, error, detail, retryable, -1, null);
    }

    boolean success() {
      return responseBody != null;
    }

    /** What makes two failures "the same" for rate-limiting their warnings. */
    String key() {
      if (status > 0) {
        return "status:" + status;
      }
      return error != null ? "error:" + error.getClass().getName() : "detail:" + detail;
    }
  }

}
