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
 * requests to itself with {@code HttpURLConnection}, prints what it answered, and stops; run with
 * the Weft agent, each request becomes one trace of two spans that the console exporter prints:
 * the CLIENT span of the call and the SERVER span of the servlet that answered it, its child.
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
    get(base + "/hello");
    get(base + "/orders/1001");
    get(base + "/orders/1002?expand=items");
    get(base + "/orders/missing");
    get(base + "/checkout");

    server.stop();
  }

  private static void get(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    int status = connection.getResponseCode();
    InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
    if (body != null) {
      while (body.read() >= 0) {
        // drain so the connection is reused
      }
      body.close();
    }
    System.out.println("GET " + url + " -> " + status);
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
