package dev.weft.smoke.jersey2;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The JAX-RS smoke app on Jersey 2 (javax.ws.rs) and embedded Jetty 9.4: context path {@code
 * /shop}, the application's servlet mapped at {@code /api/*}, a plain servlet at {@code
 * /forward-to-api} that forwards into it, and Jetty's default 404 servlet for the rest.
 *
 * <p>Listens on 127.0.0.1 at the port of system property {@code app.port} (0 picks a free one),
 * prints {@code READY <port>} on stdout once it accepts requests, and stops on SIGTERM.
 */
public final class Jersey2App {

  private Jersey2App() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.getInteger("app.port", 8080);
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.setContextPath("/shop");
    // Error pages without stack traces or servlet identity hashes, so responses compare byte for
    // byte with and without the agent.
    ErrorPageErrorHandler errorHandler = new ErrorPageErrorHandler();
    errorHandler.setShowStacks(false);
    errorHandler.setShowServlet(false);
    context.setErrorHandler(errorHandler);

    ResourceConfig application =
        new ResourceConfig(ShopResources.CLASSES)
            // No WADL: it needs JAXB, and would answer OPTIONS with a body of its own.
            .property(ServerProperties.WADL_FEATURE_DISABLE, true);
    context.addServlet(new ServletHolder("jersey", new ServletContainer(application)), "/api/*");
    context.addServlet(
        new ServletHolder("forward-to-api", new ShopResources.ForwardToApi()), "/forward-to-api");
    server.setHandler(context);

    server.setStopAtShutdown(true);
    server.start();
    System.out.println("READY " + connector.getLocalPort());
    server.join();
  }
}
