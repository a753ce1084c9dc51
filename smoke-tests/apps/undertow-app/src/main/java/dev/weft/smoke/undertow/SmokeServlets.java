package dev.weft.smoke.undertow;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The servlets and filter of the smoke app; the same behaviour as the Tomcat 10 and Jetty 9 apps',
 * on jakarta.servlet. Stateless and thread-safe, as servlets must be.
 */
final class SmokeServlets {

  /** Completes async requests off the container's threads, as real async code does. */
  private static final ScheduledExecutorService ASYNC_COMPLETER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "smoke-async-completer");
            t.setDaemon(true);
            return t;
          });

  private SmokeServlets() {}

  static void writeText(HttpServletResponse resp, String body) throws IOException {
    resp.setContentType("text/plain");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }

  /** {@code GET /hello} → 200 {@code hello}; query strings are accepted and ignored. */
  static final class Hello extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      writeText(resp, "hello");
    }
  }

  /** {@code GET /users/<id>} → 200 {@code user /<id>} (the path info). */
  static final class Users extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      writeText(resp, "user " + req.getPathInfo());
    }
  }

  /** {@code GET /status/<code>} → that status via {@code setStatus}, body {@code status <code>}. */
  static final class Status extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String pathInfo = req.getPathInfo();
      int code;
      try {
        code = Integer.parseInt(pathInfo == null ? "" : pathInfo.substring(1));
      } catch (NumberFormatException e) {
        resp.setStatus(400);
        writeText(resp, "bad status " + pathInfo);
        return;
      }
      resp.setStatus(code);
      writeText(resp, "status " + code);
    }
  }

  /** {@code GET /boom} → throws; the container answers 500. */
  static final class Boom extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      throw new IllegalStateException("boom");
    }
  }

  /** {@code GET /async?delayMs=N} → completes on another thread after N ms with {@code async done}. */
  static final class Async extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      long delayMs = parseDelay(req.getParameter("delayMs"));
      AsyncContext async = req.startAsync();
      async.setTimeout(60_000);
      ASYNC_COMPLETER.schedule(
          () -> {
            try {
              writeText((HttpServletResponse) async.getResponse(), "async done");
            } catch (IOException e) {
              System.err.println("async write failed: " + e);
            } finally {
              async.complete();
            }
          },
          delayMs,
          TimeUnit.MILLISECONDS);
    }

    private static long parseDelay(String value) {
      if (value == null) {
        return 0;
      }
      try {
        return Math.max(0, Long.parseLong(value));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
  }

  /**
   * {@code GET /async-start} → starts async processing and hands the work to the container with
   * {@code AsyncContext.start}: there it GETs the app's own {@code /users/async-start} with
   * {@link HttpURLConnection}, answers {@code started: <that body>} and completes (502 with the
   * exception when the call fails).
   */
  static final class AsyncStart extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      String callUrl = selfUrl(req, "/users/async-start");
      AsyncContext async = req.startAsync();
      async.setTimeout(60_000);
      async.start(
          () -> {
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            try {
              String body;
              try {
                body = "started: " + callSelf(callUrl);
              } catch (IOException e) {
                response.setStatus(502);
                body = "call failed: " + e;
              }
              writeText(response, body);
            } catch (IOException e) {
              System.err.println("async-start write failed: " + e);
            } finally {
              async.complete();
            }
          });
    }
  }

  /** The request attribute in which {@code /async-dispatch} hands its first call's result on. */
  static final String FIRST_CALL_ATTRIBUTE = "smoke.asyncDispatch.firstCall";

  /**
   * {@code GET /async-dispatch} → starts async processing; in work handed to the container with
   * {@code AsyncContext.start} it GETs the app's own {@code /users/async-dispatch-1}, then
   * dispatches to {@code /async-dispatch-target} ({@link AsyncDispatchTarget}), which answers.
   */
  static final class AsyncDispatch extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      String callUrl = selfUrl(req, "/users/async-dispatch-1");
      AsyncContext async = req.startAsync();
      async.setTimeout(60_000);
      async.start(
          () -> {
            String first;
            try {
              first = callSelf(callUrl);
            } catch (IOException e) {
              first = "call failed: " + e;
            }
            async.getRequest().setAttribute(FIRST_CALL_ATTRIBUTE, first);
            async.dispatch("/async-dispatch-target");
          });
    }
  }

  /**
   * {@code /async-dispatch-target}, where {@code /async-dispatch} dispatches to: GETs the app's own
   * {@code /users/async-dispatch-2} and answers {@code dispatched: <first body>, <second body>}
   * (502 when the second call fails).
   */
  static final class AsyncDispatchTarget extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String second;
      try {
        second = callSelf(selfUrl(req, "/users/async-dispatch-2"));
      } catch (IOException e) {
        resp.setStatus(502);
        second = "call failed: " + e;
      }
      writeText(resp, "dispatched: " + req.getAttribute(FIRST_CALL_ATTRIBUTE) + ", " + second);
    }
  }

  private static String selfUrl(HttpServletRequest req, String path) {
    return "http://127.0.0.1:" + req.getLocalPort() + path;
  }

  /** GETs {@code url} with {@link HttpURLConnection}; the body of a 200, else an exception. */
  private static String callSelf(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    connection.setConnectTimeout(5_000);
    connection.setReadTimeout(10_000);
    int status = connection.getResponseCode();
    if (status != 200) {
      connection.disconnect();
      throw new IOException("GET " + url + " answered " + status);
    }
    // Read to the end and close, so the JDK keeps the connection alive for the next call.
    try (InputStream in = connection.getInputStream()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      byte[] buffer = new byte[1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        body.write(buffer, 0, n);
      }
      return new String(body.toByteArray(), StandardCharsets.UTF_8);
    }
  }

  /** {@code GET /forward} → {@code RequestDispatcher.forward} to {@code /hello}. */
  static final class Forward extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp)
        throws ServletException, IOException {
      req.getRequestDispatcher("/hello").forward(req, resp);
    }
  }

  /** A filter that does nothing but pass the request on: the app maps two of them on {@code /*}. */
  static final class PassThroughFilter implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      chain.doFilter(request, response);
    }
  }
}
