package dev.weft.instrumentation.javahttpclient;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestCopyTest {

  private static final URI URI_ = URI.create("http://example.test:8080/path?q=1");

  @Test
  void copy_keepsEverythingTheClientReads_andTheSameBodyPublisher() {
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("hello");
    HttpRequest original =
        HttpRequest.newBuilder(URI_)
            .PUT(body)
            .timeout(Duration.ofSeconds(7))
            .version(HttpClient.Version.HTTP_1_1)
            .expectContinue(true)
            .header("X-One", "1")
            .build();

    HttpRequest copy = RequestCopy.with(original, injected("traceparent", "00-abc-def-01"));

    assertAll(
        () -> assertEquals(URI_, copy.uri()),
        () -> assertEquals("PUT", copy.method()),
        () -> assertSame(body, copy.bodyPublisher().orElseThrow()),
        () -> assertEquals(Duration.ofSeconds(7), copy.timeout().orElseThrow()),
        () -> assertEquals(HttpClient.Version.HTTP_1_1, copy.version().orElseThrow()),
        () -> assertTrue(copy.expectContinue()),
        () -> assertEquals(List.of("1"), copy.headers().allValues("X-One")),
        () -> assertEquals(List.of("00-abc-def-01"), copy.headers().allValues("traceparent")));
  }

  @Test
  void copy_replacesEveryValueOfAnInjectedName_inAnyCase_andKeepsOtherHeadersWithAllTheirValues() {
    HttpRequest original =
        HttpRequest.newBuilder(URI_)
            .header("TraceParent", "00-app-app-01")
            .header("TRACEPARENT", "00-app2-app2-01")
            .header("Accept", "text/plain")
            .header("Accept", "application/json")
            .build();

    HttpRequest copy = RequestCopy.with(original, injected("traceparent", "00-abc-def-01"));

    assertAll(
        () -> assertEquals(List.of("00-abc-def-01"), copy.headers().allValues("traceparent")),
        () -> assertEquals(
            List.of("text/plain", "application/json"), copy.headers().allValues("accept")),
        () -> assertEquals(
            List.of("00-app-app-01", "00-app2-app2-01"),
            original.headers().allValues("traceparent"),
            "the application's request is unchanged"));
  }

  @Test
  void copy_ofARequestWithoutBodyPublisher_hasNoneEither() {
    HttpRequest get = HttpRequest.newBuilder(URI_).GET().build();
    HttpRequest delete = HttpRequest.newBuilder(URI_).DELETE().build();

    HttpRequest getCopy = RequestCopy.with(get, injected("traceparent", "x"));
    HttpRequest deleteCopy = RequestCopy.with(delete, injected("traceparent", "x"));

    assertAll(
        () -> assertEquals("GET", getCopy.method()),
        () -> assertFalse(getCopy.bodyPublisher().isPresent()),
        () -> assertEquals("DELETE", deleteCopy.method()),
        () -> assertFalse(deleteCopy.bodyPublisher().isPresent()));
  }

  @Test
  void copy_withoutTimeoutOrVersion_setsNeither() {
    HttpRequest copy =
        RequestCopy.with(HttpRequest.newBuilder(URI_).build(), injected("traceparent", "x"));

    assertAll(
        () -> assertFalse(copy.timeout().isPresent()),
        () -> assertFalse(copy.version().isPresent()),
        () -> assertFalse(copy.expectContinue()));
  }

  @Test
  void injectedHeaders_setTwice_keepTheLastValueOnce_whateverTheCase() {
    InjectedHeaders headers = new InjectedHeaders();
    InjectedHeaders.SETTER.set(headers, "traceparent", "first");
    InjectedHeaders.SETTER.set(headers, "TraceParent", "second");
    for (int i = 0; i < 6; i++) {
      InjectedHeaders.SETTER.set(headers, "x-b3-" + i, "v" + i);
    }

    assertAll(
        () -> assertEquals(7, headers.size()),
        () -> assertEquals("traceparent", headers.name(0)),
        () -> assertEquals("second", headers.value(0)),
        () -> assertEquals("v5", headers.value(6)),
        () -> assertTrue(headers.contains("TRACEPARENT")));
  }

  private static InjectedHeaders injected(String name, String value) {
    InjectedHeaders headers = new InjectedHeaders();
    headers.put(name, value);
    return headers;
  }
}
