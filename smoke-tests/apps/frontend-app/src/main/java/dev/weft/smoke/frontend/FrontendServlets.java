package dev.weft.smoke.frontend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** The frontend's servlets. Stateless beyond the shared, thread-safe clients. */
final class FrontendServlets {

  private FrontendServlets() {}

  static void writeText(HttpServletResponse resp, String body) throws IOException {
    resp.setContentType("text/plain");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }

  /**
   * {@code GET /call/<client>?target=<base URL>&path=<path>} → the backend's status and body, as
   * the named client received them; 404 for an unknown client, 400 without target or path, 502
   * with the exception when the call itself failed (its stack trace goes to the app's log).
   */
  static final class Call extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient BackendClients clients;

    Call(BackendClients clients) {
      this.clients = clients;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String pathInfo = req.getPathInfo();
      String name = pathInfo == null ? "" : pathInfo.substring(1);
      BackendClient client = clients.get(name);
      if (client == null) {
        resp.setStatus(404);
        writeText(resp, "unknown client '" + name + "'; known: " + clients.names());
        return;
      }
      String target = req.getParameter("target");
      String path = req.getParameter("path");
      if (target == null || path == null) {
        resp.setStatus(400);
        writeText(resp, "target and path are required");
        return;
      }
      BackendClient.Response response;
      try {
        response = client.get(target + path);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        resp.setStatus(502);
        writeText(resp, "call interrupted");
        return;
      } catch (Exception e) {
        System.out.println("frontend-app: " + name + " call to " + target + path + " failed");
        e.printStackTrace(System.out);
        resp.setStatus(502);
        writeText(resp, "call failed: " + e);
        return;
      }
      resp.setStatus(response.status());
      writeText(resp, response.body());
    }
  }

  /** {@code GET /hello} → 200 {@code hello}; calls nothing. */
  static final class Hello extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      writeText(resp, "hello");
    }
  }

  /** {@code GET /users/<id>} → 200 {@code user /<id>}; calls nothing. */
  static final class Users extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      writeText(resp, "user " + req.getPathInfo());
    }
  }
}
