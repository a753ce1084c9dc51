package dev.weft.smoke.jersey;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * The JAX-RS smoke app on Jersey 3.1 (jakarta.ws.rs) and embedded Tomcat 10.1: context path
 * {@code /shop}, the application's servlet mapped at {@code /api/*}, a plain servlet at {@code
 * /forward-to-api} that forwards into it, and Tomcat's default servlet at {@code /}.
 *
 * <p>Listens on 127.0.0.1 at the port of system property {@code app.port} (0 picks a free one),
 * prints {@code READY <port>} on stdout once it accepts requests, and stops on SIGTERM.
 */
public final class JerseyApp {

  private JerseyApp() {}

  public static void main(String[] args) throws LifecycleException, IOException {
    int port = Integer.getInteger("app.port", 8080);
    File baseDir = Files.createTempDirectory("weft-smoke-jersey").toFile();
    baseDir.deleteOnExit();

    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.getAbsolutePath());
    tomcat.setPort(port);
    Connector connector = tomcat.getConnector();
    connector.setProperty("address", "127.0.0.1");
    // Error pages without stack traces or server version, so responses compare byte for byte
    // with and without the agent.
    ErrorReportValve errorReport = new ErrorReportValve();
    errorReport.setShowReport(false);
    errorReport.setShowServerInfo(false);
    ((StandardHost) tomcat.getHost()).addValve(errorReport);

    Context context = tomcat.addContext("/shop", baseDir.getAbsolutePath());
    ResourceConfig application =
        new ResourceConfig(ShopResources.CLASSES)
            // No WADL: it needs JAXB, and would answer OPTIONS with a body of its own.
            .property(ServerProperties.WADL_FEATURE_DISABLE, true);
    Tomcat.addServlet(context, "jersey", new ServletContainer(application));
    context.addServletMappingDecoded("/api/*", "jersey");
    Tomcat.addServlet(context, "forward-to-api", new ShopResources.ForwardToApi());
    context.addServletMappingDecoded("/forward-to-api", "forward-to-api");
    Tomcat.addServlet(context, "default", new DefaultServlet());
    context.addServletMappingDecoded("/", "default");

    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(tomcat), "jersey-app-shutdown"));
    tomcat.start();
    System.out.println("READY " + connector.getLocalPort());
    tomcat.getServer().await();
  }

  private static void stop(Tomcat tomcat) {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      System.err.println("jersey-app: stop failed: " + e);
    }
  }
}
