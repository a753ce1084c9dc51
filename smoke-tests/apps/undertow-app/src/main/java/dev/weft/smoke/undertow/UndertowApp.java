package dev.weft.smoke.undertow;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.FilterInfo;
import io.undertow.servlet.api.ServletInfo;
import io.undertow.servlet.api.ServletStackTraces;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import java.net.InetSocketAddress;

/**
 * The smoke-test application on embedded Undertow 2.3 (jakarta.servlet): the endpoints every smoke
 * app serves, behind two pass-through filters, in the root context ("").
 *
 * <p>Listens on 127.0.0.1 at the port of system property {@code app.port} (0 picks a free one),
 * prints {@code READY <port>} on stdout once it accepts requests, and stops on SIGTERM.
 */
public final class UndertowApp {

  private UndertowApp() {}

  public static void main(String[] args) throws ServletException {
    int port = Integer.getInteger("app.port", 8080);

    DeploymentInfo deployment =
        Servlets.deployment()
            .setClassLoader(UndertowApp.class.getClassLoader())
            .setContextPath("/")
            .setDeploymentName("smoke")
            // Error pages without stack traces (Undertow shows them to local clients by default):
            // the smoke tests compare responses with and without the agent byte for byte, and a
            // stack trace is not part of what an app promises.
            .setServletStackTraces(ServletStackTraces.NONE);
    addServlet(deployment, "hello", new SmokeServlets.Hello(), "/hello");
    addServlet(deployment, "users", new SmokeServlets.Users(), "/users/*");
    addServlet(deployment, "status", new SmokeServlets.Status(), "/status/*");
    addServlet(deployment, "boom", new SmokeServlets.Boom(), "/boom");
    addServlet(deployment, "async", new SmokeServlets.Async(), "/async");
    addServlet(deployment, "forward", new SmokeServlets.Forward(), "/forward");
    addServlet(deployment, "async-start", new SmokeServlets.AsyncStart(), "/async-start");
    addServlet(
        deployment, "async-dispatch", new SmokeServlets.AsyncDispatch(), "/async-dispatch");
    addServlet(
        deployment,
        "async-dispatch-target",
        new SmokeServlets.AsyncDispatchTarget(),
        "/async-dispatch-target");
    // No servlet at "/": Undertow then maps its own DefaultServlet there (with no resources, it
    // answers 404), so unmapped paths too pass the filters and servlet code, as on Tomcat and Jetty.
    addFilter(deployment, "outer");
    addFilter(deployment, "inner");

    DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
    manager.deploy();
    HttpHandler handler = manager.start();
    Undertow server =
        Undertow.builder().addHttpListener(port, "127.0.0.1").setHandler(handler).build();

    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stop(server, manager), "undertow-app-shutdown"));
    server.start();
    InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    // The XNIO worker and I/O threads are not daemons: they keep the JVM up after main returns.
    System.out.println("READY " + address.getPort());
  }

  private static void addServlet(
      DeploymentInfo deployment, String name, Servlet servlet, String mapping) {
    // An instance of our own rather than a class Undertow instantiates: the servlets are not public.
    ServletInfo info =
        new ServletInfo(name, servlet.getClass(), new ImmediateInstanceFactory<>(servlet));
    info.addMapping(mapping);
    info.setAsyncSupported(true);
    deployment.addServlet(info);
  }

  private static void addFilter(DeploymentInfo deployment, String name) {
    Filter filter = new SmokeServlets.PassThroughFilter();
    FilterInfo info =
        new FilterInfo(name, filter.getClass(), new ImmediateInstanceFactory<>(filter));
    info.setAsyncSupported(true);
    deployment.addFilter(info);
    // On every dispatch, so forwards, async and error dispatches nest filters too.
    for (DispatcherType type :
        new DispatcherType[] {
          DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ASYNC, DispatcherType.ERROR
        }) {
      deployment.addFilterUrlMapping(name, "/*", type);
    }
  }

  private static void stop(Undertow server, DeploymentManager manager) {
    server.stop();
    try {
      manager.stop();
      manager.undeploy();
    } catch (ServletException e) {
      System.err.println("undertow-app: stop failed: " + e);
    }
  }
}
