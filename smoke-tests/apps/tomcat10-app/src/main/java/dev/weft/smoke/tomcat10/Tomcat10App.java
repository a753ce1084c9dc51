package dev.weft.smoke.tomcat10;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * The smoke-test application on embedded Tomcat 10.1 (jakarta.servlet): the endpoints every smoke
 * app serves, behind two pass-through filters, in the root context ("").
 *
 * <p>Listens on 127.0.0.1 at the port of system property {@code app.port} (0 picks a free one),
 * prints {@code READY <port>} on stdout once it accepts requests, and stops on SIGTERM.
 */
public final class Tomcat10App {

  private Tomcat10App() {}

  public static void main(String[] args) throws LifecycleException, IOException {
    int port = Integer.getInteger("app.port", 8080);
    File baseDir = Files.createTempDirectory("weft-smoke-tomcat10").toFile();
    baseDir.deleteOnExit();

    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.getAbsolutePath());
    tomcat.setPort(port);
    Connector connector = tomcat.getConnector();
    connector.setProperty("address", "127.0.0.1");

    // Error pages without stack traces or server version: the smoke tests compare responses with
    // and without the agent byte for byte, and a stack trace is not part of what an app promises.
    ErrorReportValve errorReport = new ErrorReportValve();
    errorReport.setShowReport(false);
    errorReport.setShowServerInfo(false);
    ((StandardHost) tomcat.getHost()).addValve(errorReport);

    Context context = tomcat.addContext("", baseDir.getAbsolutePath());
    addServlet(context, "hello", new SmokeServlets.Hello(), "/hello");
    addServlet(context, "users", new SmokeServlets.Users(), "/users/*");
    addServlet(context, "status", new SmokeServlets.Status(), "/status/*");
    addServlet(context, "boom", new SmokeServlets.Boom(), "/boom");
    addServlet(context, "async", new SmokeServlets.Async(), "/async");
    addServlet(context, "forward", new SmokeServlets.Forward(), "/forward");
    addServlet(context, "async-start", new SmokeServlets.AsyncStart(), "/async-start");
    addServlet(context, "async-dispatch", new SmokeServlets.AsyncDispatch(), "/async-dispatch");
    addServlet(
        context,
        "async-dispatch-target",
        new SmokeServlets.AsyncDispatchTarget(),
        "/async-dispatch-target");
    // As in every real Tomcat (conf/web.xml) and Spring Boot: a default servlet answers paths no
    // other servlet maps, so they too pass the filters and servlets, rather than a bare 404 from
    // the mapper that no servlet-level code ever sees.
    addServlet(context, "default", new DefaultServlet(), "/");
    addFilter(context, "outer", new SmokeServlets.PassThroughFilter());
    addFilter(context, "inner", new SmokeServlets.PassThroughFilter());

    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(tomcat), "tomcat10-app-shutdown"));
    tomcat.start();
    System.out.println("READY " + connector.getLocalPort());
    tomcat.getServer().await();
  }

  private static void addServlet(
      Context context, String name, jakarta.servlet.Servlet servlet, String mapping) {
    Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
    wrapper.setAsyncSupported(true);
    context.addServletMapping(mapping, name);
  }

  private static void addFilter(Context context, String name, jakarta.servlet.Filter filter) {
    FilterDef def = new FilterDef();
    def.setFilterName(name);
    def.setFilter(filter);
    def.setAsyncSupported("true");
    context.addFilterDef(def);
    FilterMap map = new FilterMap();
    map.setFilterName(name);
    map.addURLPattern("/*");
    // On every dispatch, so forwards, async and error dispatches nest filters too.
    map.setDispatcher("REQUEST");
    map.setDispatcher("FORWARD");
    map.setDispatcher("ASYNC");
    map.setDispatcher("ERROR");
    context.addFilterMap(map);
  }

  private static void stop(Tomcat tomcat) {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      System.err.println("tomcat10-app: stop failed: " + e);
    }
  }
}
