package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The server-span tests that need a plain servlet app: those with a {@code RequestDispatcher}
 * forward, which the Spring app does not serve.
 */
abstract class ServletContainerSmokeTest extends ServerSpanSmokeTest {

  @Test
  void forward_yieldsOneServerSpanNamedAfterTheRequestedServlet() {
    SmokeHttp.Response response = http.get("/forward");

    assertEquals(200, response.status());
    assertEquals("hello", response.body());
    ReceivedSpan span = onlyServerSpan(awaitRequestSpans(1));
    assertAll(
        "span " + span,
        () -> assertEquals("GET /forward", span.name(), "span name"),
        () -> assertEquals("/forward", span.attr("http.route"), "http.route"),
        () -> assertEquals("/forward", span.attr("url.path"), "url.path"),
        () -> assertEquals(200L, span.attr("http.response.status_code"), "http.response.status_code"),
        () -> assertEquals("", span.parentSpanId(), "parent span id"));
  }
}
