package dev.weft.instrumentation.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class UrlRedactionTest {

  @Test
  void redact_userAndPassword_areReplaced() {
    assertEquals(
        "https://REDACTED:REDACTED@api.example.com:8443/v1?q=1",
        UrlRedaction.redact("https://alice:s3cr%40t@api.example.com:8443/v1?q=1"));
    assertEquals(
        "http://REDACTED:REDACTED@host", UrlRedaction.redact("http://token@host"));
  }

  @Test
  void redact_withoutCredentials_returnsTheSameString() {
    String url = "http://example.com/users/a@b.c?mail=x@y.z#frag@ment";
    assertSame(url, UrlRedaction.redact(url));
    assertSame("not a url", UrlRedaction.redact("not a url"));
  }
}
