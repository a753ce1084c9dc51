package dev.weft.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;

/**
 * A small web application on embedded Jetty that knows nothing of tracing. It starts, sends a few
 * requests to itself, prints what it answered, and stops; run with the Weft agent, each request
 * becomes a server span that the console exporter prints.
 */
public final class DemoApplication {

  private DemoApplication() {}

  public static void main(String[] args) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/shop");
    context.addServlet(HelloServlet.class, "/hello");
    context.addServlet(OrderServlet.class, "/orders/*");
    context.addServlet(FailingServlet.class, "/checkout");
    server.setHandler(context);
    server.start();

    String base = "http://127.0.0.1:" + connector.getLocalPort() + "/shop";
    System.out.println("Demo application listening on " + base);
    get(base + "/hello", null);
    get(base + "/orders/1001", null);
    get(base + "/orders/1002?expand=items", null);
    get(base + "/orders/missing", null);
    get(base + "/checkout", null);
    // A caller that is itself traced sends its context; the server span continues that trace.
    get(base + "/hello", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    server.stop();
  }

  private static void get(String url, String traceparent) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    if (traceparent != null) {
      connection.setRequestProperty("traceparent", traceparent);
    }
    int status = connection.getResponseCode();
    InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
    if (body != null) {
      while (body.read() >= 0) {
        // drain so the connection is reused
      }
      body.close();
    }
    System.out.println("GET " + url + (traceparent == null ? "" : " (with traceparent)") + " -> " + status);
  }

  /** Answers a greeting. */
  public static final class HelloServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setContentType("text/plain");
      response.getWriter().print("hello");
    }
  }

  /** Looks an order up by the id in the path; 404 for an unknown one. */
  public static final class OrderServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String id = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
      if (!id.matches("\\d+")) {
        response.sendError(404, "no such order");
        return;
      }
      response.setContentType("application/json");
      response.getWriter().print("{\"id\":" + id + ",\"status\":\"shipped\"}");
    }
  }

  /** Fails as a buggy handler would: the exception escapes and the container answers 500. */
  public static final class FailingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
      throw new IllegalStateException("payment service unavailable");
    }
  }
}
