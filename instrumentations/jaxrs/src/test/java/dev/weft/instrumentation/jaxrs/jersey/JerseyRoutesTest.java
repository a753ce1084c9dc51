package dev.weft.instrumentation.jaxrs.jersey;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.instrumentation.jaxrs.JaxrsRoutes;
import dev.weft.instrumentation.jaxrs.NamedSpan;
import java.net.URI;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.Test;

/**
 * {@link JerseyRoutes} on Jersey 2.x's real routing state, in memory: a post-matching filter calls
 * it where the woven {@code setEndpoint} would (routing is complete in both places), and the test
 * reads what it made of the stand-in server span. Base URI {@code http://localhost/shop/api/}
 * plays a context path {@code /shop} with the application mapped at {@code /api/*}.
 */
class JerseyRoutesTest {

  private static final String BASE = "http://localhost/shop/api/";

  private final ApplicationHandler app =
      new ApplicationHandler(
          new ResourceConfig(
                  Users.class, Items.class, Accounts.class, Home.class, RouteProbe.class)
              .property(ServerProperties.WADL_FEATURE_DISABLE, true));

  @Test
  void classAndMethodPaths_areJoinedBehindTheBasePath() {
    NamedSpan span = request("GET", "users/42");

    assertRoute(span, "GET", "/shop/api/users/{id}");
  }

  @Test
  void methodWithoutPath_isNamedAfterItsClassTemplate() {
    assertRoute(request("GET", "users"), "GET", "/shop/api/users");
    assertRoute(request("POST", "users"), "POST", "/shop/api/users");
  }

  @Test
  void twoParameters_keepBothTemplates() {
    NamedSpan span = request("GET", "users/42/orders/7");

    assertRoute(span, "GET", "/shop/api/users/{id}/orders/{orderId}");
  }

  @Test
  void regexTemplate_isKeptAsWritten() {
    NamedSpan span = request("GET", "items/ABC-123");

    assertRoute(span, "GET", "/shop/api/items/{sku: [A-Z]{3}-[0-9]+}");
  }

  @Test
  void subResourceLocator_contributesItsTemplateBeforeTheSubResourceMethods() {
    NamedSpan span = request("GET", "accounts/9/balance");

    assertRoute(span, "GET", "/shop/api/accounts/{accountId}/balance");
  }

  @Test
  void rootResource_isTheBasePath() {
    assertRoute(request("GET", ""), "GET", "/shop/api");
  }

  @Test
  void forwardErrorOrIncludeDispatch_renamesNothing() {
    for (String attribute :
        new String[] {
          "javax.servlet.forward.request_uri",
          "javax.servlet.error.request_uri",
          "javax.servlet.include.request_uri"
        }) {
      NamedSpan span = new NamedSpan("GET /shop/forward", true);
      ContainerRequest request = containerRequest("GET", "users/42", span);
      request.setProperty(attribute, "/shop/forward");

      send(request);

      assertEquals("GET /shop/forward", span.name(), "a dispatch marked by " + attribute);
    }
  }

  @Test
  void spanThatDoesNotRecord_isLeftAlone() {
    NamedSpan span = new NamedSpan("GET /shop/api/*", false);

    send(containerRequest("GET", "users/42", span));

    assertAll(
        () -> assertEquals("GET /shop/api/*", span.name()),
        () -> assertEquals(null, span.attribute("http.route")));
  }

  @Test
  void requestWithoutServerSpan_isServedAsUsual() {
    ContainerRequest request = containerRequest("GET", "users/42", null);

    assertEquals(200, send(request).getStatus());
  }

  private NamedSpan request(String method, String path) {
    NamedSpan span = new NamedSpan(method + " /shop/api/*", true);
    ContainerResponse response = send(containerRequest(method, path, span));
    assertEquals(200, response.getStatus(), method + " " + path);
    return span;
  }

  private ContainerRequest containerRequest(String method, String path, NamedSpan span) {
    ContainerRequest request =
        new ContainerRequest(
            URI.create(BASE),
            URI.create(BASE + path),
            method,
            null,
            new MapPropertiesDelegate(),
            app.getConfiguration());
    if (span != null) {
      request.setProperty(JaxrsRoutes.CONTEXT_ATTRIBUTE, span.context());
    }
    return request;
  }

  private ContainerResponse send(ContainerRequest request) {
    try {
      return app.apply(request).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void assertRoute(NamedSpan span, String method, String route) {
    assertAll(
        () -> assertEquals(method + " " + route, span.name(), "span name"),
        () -> assertEquals(route, span.attribute("http.route"), "http.route"));
  }

  /** Calls the helper after routing, as the woven {@code setEndpoint} does. */
  public static final class RouteProbe implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      JerseyRoutes.endpointMatched(request.getUriInfo(), request);
    }
  }

  @Path("users")
  public static final class Users {
    @GET
    public String list() {
      return "users";
    }

    @POST
    public String create() {
      return "created";
    }

    @GET
    @Path("{id}")
    public String user(@PathParam("id") String id) {
      return "user " + id;
    }

    @GET
    @Path("{id}/orders/{orderId}")
    public String order(@PathParam("id") String id, @PathParam("orderId") String orderId) {
      return "order " + orderId;
    }
  }

  @Path("items")
  public static final class Items {
    @GET
    @Path("{sku: [A-Z]{3}-[0-9]+}")
    public String item(@PathParam("sku") String sku) {
      return "item " + sku;
    }
  }

  @Path("accounts")
  public static final class Accounts {
    @Path("{accountId}")
    public Account account(@PathParam("accountId") String accountId) {
      return new Account();
    }
  }

  public static final class Account {
    @GET
    @Path("balance")
    public String balance() {
      return "0";
    }
  }

  @Path("/")
  public static final class Home {
    @GET
    public String home() {
      return "home";
    }
  }
}
