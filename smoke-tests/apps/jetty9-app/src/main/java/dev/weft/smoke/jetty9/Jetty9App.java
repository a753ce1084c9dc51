package dev.weft.smoke.jetty9;

import java.util.EnumSet;
import javax.servlet.DispatcherType;
import javax.servlet.Servlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * The smoke-test application on embedded Jetty 9.4 (javax.servlet 3.1): the endpoints every smoke
 * app serves, behind two pass-through filters, in the root context ("").
 *
 * <p>Listens on 127.0.0.1 at the port of system property {@code app.port} (0 picks a free one),
 * prints {@code READY <port>} on stdout once it accepts requests, and stops on SIGTERM.
 */
public final class Jetty9App {

  private Jetty9App() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.getInteger("app.port", 8080);
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.setContextPath("/");
    // Error pages without stack traces: the smoke tests compare responses with and without the
    // agent byte for byte, and a stack trace is not part of what an app promises.
    ErrorPageErrorHandler errorHandler = new ErrorPageErrorHandler();
    errorHandler.setShowStacks(false);
    errorHandler.setShowServlet(false); // Jetty's own default servlet's name carries an identity hash
    context.setErrorHandler(errorHandler);

    addServlet(context, "hello", new SmokeServlets.Hello(), "/hello");
    addServlet(context, "users", new SmokeServlets.Users(), "/users/*");
    addServlet(context, "status", new SmokeServlets.Status(), "/status/*");
    addServlet(context, "boom", new SmokeServlets.Boom(), "/boom");
    addServlet(context, "async", new SmokeServlets.Async(), "/async");
    addServlet(context, "forward", new SmokeServlets.Forward(), "/forward");
    addServlet(context, "async-start", new SmokeServlets.AsyncStart(), "/async-start");
    addServlet(context, "async-dispatch", new SmokeServlets.AsyncDispatch(), "/async-dispatch");
    addServlet(context, "log", new LogServlet(), "/log");
    if (ReportServlet.apiPresent()) {
      addServlet(context, "report", new ReportServlet(), "/report");
    }
    addServlet(
        context,
        "async-dispatch-target",
        new SmokeServlets.AsyncDispatchTarget(),
        "/async-dispatch-target");
    addFilter(context, "outer");
    addFilter(context, "inner");
    server.setHandler(context);

    server.setStopAtShutdown(true);
    server.start();
    System.out.println("READY " + connector.getLocalPort());
    server.join();
  }

  private static void addServlet(
      ServletContextHandler context, String name, Servlet servlet, String mapping) {
    // A fixed name: Jetty's error page shows it, and the default one carries an identity hash.
    ServletHolder holder = new ServletHolder(name, servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, mapping);
  }

  private static void addFilter(ServletContextHandler context, String name) {
    FilterHolder holder = new FilterHolder(new SmokeServlets.PassThroughFilter());
    holder.setName(name);
    holder.setAsyncSupported(true);
    // On every dispatch, so forwards, async and error dispatches nest filters too.
    context.addFilter(
        holder,
        "/*",
        EnumSet.of(
            DispatcherType.REQUEST,
            DispatcherType.FORWARD,
            DispatcherType.ASYNC,
            DispatcherType.ERROR));
  }
}
