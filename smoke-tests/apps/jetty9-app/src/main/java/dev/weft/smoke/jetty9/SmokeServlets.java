package dev.weft.smoke.jetty9;

import javax.servlet.AsyncContext;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The servlets and filter of the smoke app; the same behaviour as the Tomcat 10 app's, on
 * javax.servlet. Stateless and thread-safe, as servlets must be.
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
    // Servlet 3.1's Filter has no default methods.
    @Override
    public void init(javax.servlet.FilterConfig filterConfig) {}

    @Override
    public void destroy() {}

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      chain.doFilter(request, response);
    }
  }
}
