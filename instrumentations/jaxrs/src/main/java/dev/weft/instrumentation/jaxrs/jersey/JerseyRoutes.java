package dev.weft.instrumentation.jaxrs.jersey;

import dev.weft.api.Context;
import dev.weft.instrumentation.http.HttpServerRoute;
import dev.weft.instrumentation.jaxrs.JaxrsRoutes;
import java.util.List;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Names the server span after the route Jersey matched, at the moment its routing found the
 * resource method (or the sub-resource method behind its locators): before any post-matching
 * filter, and before the method runs, so a filter's or the method's exception leaves the route
 * in place.
 *
 * <p>The route is Jersey's own knowledge, never re-derived from annotations: the application's
 * base path (context path and servlet path, from the request's base URI) followed by the matched
 * templates, outermost first ({@code /shop/api} + {@code /users} + {@code /{id}}). A template
 * keeps its regular expression as written ({@code /{id: [0-9]+}}), as the OpenTelemetry
 * conventions have it. A request Jersey matched nothing for (404, 405) never gets here and keeps
 * the servlet-level name.
 *
 * <p>The server span is the one in the request property {@link JaxrsRoutes#CONTEXT_ATTRIBUTE}:
 * under a servlet container Jersey's request properties are the servlet request's attributes, set
 * there by the servlet instrumentation. Without one (another container, no servlet span) nothing
 * happens. An ERROR, FORWARD or INCLUDE dispatch into Jersey is not the request's own routing and
 * renames nothing.
 *
 * <p>A helper: defined in Jersey's class loader. It calls only Jersey methods whose JVM signatures
 * name no {@code javax}/{@code jakarta} type, so the same class serves Jersey 2.x and 3.x.
 * Stateless; thread-safe.
 */
public final class JerseyRoutes {

  /** The nested-dispatch attribute names of the servlet API this Jersey is built on. */
  private static final String[] NESTED_DISPATCH_ATTRIBUTES =
      JaxrsRoutes.nestedDispatchAttributes(isJakarta());

  private JerseyRoutes() {}

  /**
   * Called when Jersey's routing found the endpoint of a request.
   *
   * @param routingContext the request's {@code UriRoutingContext}
   * @param request its {@code ContainerRequest}
   */
  public static void endpointMatched(Object routingContext, Object request) {
    if (!(request instanceof ContainerRequest) || !(routingContext instanceof ExtendedUriInfo)) {
      return;
    }
    ContainerRequest containerRequest = (ContainerRequest) request;
    Context context =
        HttpServerRoute.recordingServerContext(
            containerRequest.getProperty(JaxrsRoutes.CONTEXT_ATTRIBUTE));
    if (context == null || isNestedDispatch(containerRequest)) {
      return;
    }
    List<UriTemplate> templates = ((ExtendedUriInfo) routingContext).getMatchedTemplates();
    int count = templates.size();
    if (count == 0) {
      return;
    }
    // Jersey stacks the templates as it descends, the innermost first.
    String[] parts = new String[count + 1];
    parts[0] = containerRequest.getBaseUri().getPath();
    for (int i = 0; i < count; i++) {
      parts[count - i] = templates.get(i).getTemplate();
    }
    HttpServerRoute.update(context, containerRequest.getMethod(), HttpServerRoute.join(parts));
  }

  private static boolean isNestedDispatch(ContainerRequest request) {
    for (String attribute : NESTED_DISPATCH_ATTRIBUTES) {
      if (request.getProperty(attribute) != null) {
        return true;
      }
    }
    return false;
  }

  /** Jersey 3.x is built on {@code jakarta.*}, Jersey 2.x on {@code javax.*}. */
  private static boolean isJakarta() {
    for (Class<?> type : ContainerRequest.class.getInterfaces()) {
      if (type.getName().startsWith("jakarta.")) {
        return true;
      }
    }
    return false;
  }
}
