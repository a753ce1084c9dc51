package dev.weft.instrumentation.jaxrs;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.jaxrs.ShopResources;
import dev.weft.api.Context;
import dev.weft.api.Span;
import dev.weft.api.SpanKind;
import dev.weft.api.Tracing;
import dev.weft.core.trace.SpanData;
import dev.weft.testing.AgentSpans;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.mock.MockDispatcherFactory;
import org.jboss.resteasy.mock.MockHttpRequest;
import org.jboss.resteasy.mock.MockHttpResponse;
import org.jboss.resteasy.spi.Dispatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The jaxrs instrumentation on RESTEasy 4.x ({@code javax.ws.rs}) with the agent attached, served
 * in memory by RESTEasy's mock dispatcher. No servlet container here: the test plays the servlet
 * instrumentation, starting a SERVER span and putting its context in the request attribute
 * {@code dev.weft.servlet.context}, and reads the exported span's name and route. The base URI
 * {@code http://localhost/shop/api/} stands for context path {@code /shop} and a servlet at
 * {@code /api/*}. (RESTEasy 6.x, {@code jakarta}, runs under Tomcat in the smoke tests.)
 */
class Resteasy4Test {

  private static final String BASE = "http://localhost/shop/api/";
  private static final String SERVLET_LEVEL_NAME = "GET /shop/api/*";
  /** Where the servlet instrumentation keeps the request's context (HttpServerRoute). */
  private static final String CONTEXT_ATTRIBUTE = "dev.weft.servlet.context";

  private final Dispatcher dispatcher = MockDispatcherFactory.createDispatcher();

  @BeforeEach
  void deploy() {
    dispatcher.getRegistry().addPerRequestResource(ShopResources.Users.class);
    dispatcher.getRegistry().addPerRequestResource(ShopResources.Items.class);
    dispatcher.getRegistry().addPerRequestResource(ShopResources.Accounts.class);
  }

  @Test
  void resourceMethod_namesTheSpanAfterClassAndMethodTemplates() {
    assertRoute(serve("users/42", null), "/shop/api/users/{id}");
    assertRoute(serve("users", null), "/shop/api/users");
    assertRoute(serve("users/42/orders/7", null), "/shop/api/users/{id}/orders/{orderId}");
  }

  @Test
  void regexTemplate_isKeptAsWritten() {
    assertRoute(serve("items/ABC-123", null), "/shop/api/items/{sku: [A-Z]{3}-[0-9]+}");
  }

  @Test
  void nestedSubResourceLocators_prefixTheirTemplates_inOrder() {
    assertRoute(serve("accounts/9/balance", null), "/shop/api/accounts/{accountId}/balance");
    assertRoute(
        serve("accounts/9/cards/4", null), "/shop/api/accounts/{accountId}/cards/{cardId}");
    assertRoute(
        serve("accounts/9/cards/4/limit", null),
        "/shop/api/accounts/{accountId}/cards/{cardId}/limit");
  }

  @Test
  void afterALocatorRequest_theNextRequestOnTheThreadHasNoLocatorPrefix() {
    serve("accounts/9/cards/4/limit", null);

    assertRoute(serve("users/42", null), "/shop/api/users/{id}");
  }

  @Test
  void unmatchedRequests_keepTheServletLevelName() {
    for (String path :
        new String[] {"no-such/1", "items/not-a-sku", "accounts/9/no-such", "accounts/9/cards"}) {
      SpanData span = serve(path, null);

      assertAll(
          path,
          () -> assertEquals(SERVLET_LEVEL_NAME, span.name(), "name"),
          () -> assertEquals(null, attribute(span, "http.route"), "http.route"));
    }
  }

  @Test
  void forwardErrorOrIncludeDispatch_renamesNothing() {
    for (String attribute :
        new String[] {
          "javax.servlet.forward.request_uri",
          "javax.servlet.error.request_uri",
          "javax.servlet.include.request_uri"
        }) {
      SpanData span = serve("users/42", attribute);

      assertEquals(SERVLET_LEVEL_NAME, span.name(), "a dispatch marked by " + attribute);
    }
  }

  /**
   * Serves GET {@code path} inside a SERVER span named {@link #SERVLET_LEVEL_NAME}; returns that
   * span as exported.
   *
   * @param dispatchAttribute a servlet dispatch attribute to set on the request, or null
   */
  private SpanData serve(String path, String dispatchAttribute) {
    Span server = Tracing.tracer("test").start(SERVLET_LEVEL_NAME, SpanKind.SERVER, Context.root());
    try {
      MockHttpRequest request =
          MockHttpRequest.create("GET", URI.create(BASE + path), URI.create(BASE));
      request.setAttribute(CONTEXT_ATTRIBUTE, Context.root().with(server));
      if (dispatchAttribute != null) {
        request.setAttribute(dispatchAttribute, "/shop/elsewhere");
      }
      dispatcher.invoke(request, new MockHttpResponse());
    } finally {
      server.end();
    }
    String spanId = server.spanContext().spanIdHex();
    List<SpanData> exported = AgentSpans.await(s -> s.spanContext().spanIdHex().equals(spanId), 1);
    return exported.get(0);
  }

  private static void assertRoute(SpanData span, String route) {
    assertAll(
        () -> assertEquals("GET " + route, span.name(), "name"),
        () -> assertEquals(route, attribute(span, "http.route"), "http.route"));
  }

  private static String attribute(SpanData span, String key) {
    int i = span.attributes().indexOf(key);
    return i < 0 ? null : span.attributes().stringValue(i);
  }
}
