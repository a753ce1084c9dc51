package dev.weft.smoke.frontend;

import javax.servlet.Servlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * The frontend service of the cross-service smoke test, on embedded Jetty 9.4 (javax.servlet
 * 3.1): {@code GET /call/<client>?target=<backend base URL>&path=<backend path>} calls the
 * backend with the named HTTP client (see {@link BackendClients}) and answers with the backend's
 * status and body. It also serves {@code /hello} and {@code /users/<id>} like every smoke app, for
 * requests that must not call anything (the tests' marker requests).
 *
 * <p>Listens on 127.0.0.1 at the port of system property {@code app.port} (0 picks a free one),
 * prints {@code READY <port>} on stdout once it accepts requests, and stops on SIGTERM.
 */
public final class FrontendApp {

  private FrontendApp() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.getInteger("app.port", 8080);
    BackendClients clients = BackendClients.create();

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.setContextPath("/");
    ErrorPageErrorHandler errorHandler = new ErrorPageErrorHandler();
    errorHandler.setShowStacks(false);
    errorHandler.setShowServlet(false);
    context.setErrorHandler(errorHandler);
    addServlet(context, "call", new FrontendServlets.Call(clients), "/call/*");
    addServlet(context, "hello", new FrontendServlets.Hello(), "/hello");
    addServlet(context, "users", new FrontendServlets.Users(), "/users/*");
    server.setHandler(context);

    server.setStopAtShutdown(true);
    // After Jetty's own hook has stopped taking requests, so no call meets a closed client.
    Runtime.getRuntime().addShutdownHook(new Thread(clients::close, "frontend-app-clients-close"));
    server.start();
    System.out.println("READY " + connector.getLocalPort());
    server.join();
  }

  private static void addServlet(
      ServletContextHandler context, String name, Servlet servlet, String mapping) {
    ServletHolder holder = new ServletHolder(name, servlet);
    context.addServlet(holder, mapping);
  }
}
