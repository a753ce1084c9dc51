package dev.weft.instrumentation.jaxrs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.instrumentation.http.HttpServerRoute;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JaxrsRoutesTest {

  @AfterEach
  void noLocatorLeftBehind() {
    assertNull(JaxrsRoutes.locatorPath(), "a test left a locator path on the thread");
  }

  @Test
  void recordingContext_onlyForAContextWhoseSpanRecords() {
    NamedSpan recording = new NamedSpan("GET", true);

    assertSame(recording, HttpServerRoute.recordingServerContext(recording.context()).span());
    assertNull(HttpServerRoute.recordingServerContext(new NamedSpan("GET", false).context()));
    assertNull(HttpServerRoute.recordingServerContext(dev.weft.api.Context.root()));
    assertNull(HttpServerRoute.recordingServerContext("not a context"));
    assertNull(HttpServerRoute.recordingServerContext(null));
  }

  @Test
  void nestedLocators_joinTheirTemplates_andEachExitRestoresTheOuterPath() {
    String outside = JaxrsRoutes.enterLocator("accounts/{accountId}");
    assertEquals("accounts/{accountId}", JaxrsRoutes.locatorPath());

    String inFirst = JaxrsRoutes.enterLocator("/cards/{cardId}/");
    assertEquals("/accounts/{accountId}/cards/{cardId}", JaxrsRoutes.locatorPath());

    JaxrsRoutes.exitLocator(inFirst);
    assertEquals("accounts/{accountId}", JaxrsRoutes.locatorPath());
    JaxrsRoutes.exitLocator(outside);
    assertNull(JaxrsRoutes.locatorPath());
  }

  @Test
  void locatorWithoutTemplate_leavesThePathAsItWas() {
    String outside = JaxrsRoutes.enterLocator("accounts");
    String inner = JaxrsRoutes.enterLocator(null);

    assertEquals("accounts", JaxrsRoutes.locatorPath());
    JaxrsRoutes.exitLocator(inner);
    assertEquals("accounts", JaxrsRoutes.locatorPath());
    JaxrsRoutes.exitLocator(outside);
  }

  @Test
  void nestedDispatchAttributes_areTheServletSpecNamesOfEachApi() {
    assertArrayEquals(
        new String[] {
          "javax.servlet.error.request_uri",
          "javax.servlet.forward.request_uri",
          "javax.servlet.include.request_uri"
        },
        JaxrsRoutes.nestedDispatchAttributes(false));
    assertArrayEquals(
        new String[] {
          "jakarta.servlet.error.request_uri",
          "jakarta.servlet.forward.request_uri",
          "jakarta.servlet.include.request_uri"
        },
        JaxrsRoutes.nestedDispatchAttributes(true));
  }
}
