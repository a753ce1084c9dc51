package dev.weft.instrumentation.apachehttpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApacheHttpClientSupportTest {

  @Test
  void protocolVersion_usesTheConventionsSpelling() {
    assertEquals("1.1", ApacheHttpClientSupport.protocolVersion(1, 1));
    assertEquals("1.0", ApacheHttpClientSupport.protocolVersion(1, 0));
    assertEquals("2", ApacheHttpClientSupport.protocolVersion(2, 0));
    assertEquals("3", ApacheHttpClientSupport.protocolVersion(3, 0));
    assertEquals("0.9", ApacheHttpClientSupport.protocolVersion(0, 9));
  }

  @Test
  void defaultPort_is443ForHttpsOnly() {
    assertEquals(443, ApacheHttpClientSupport.defaultPort("https"));
    assertEquals(443, ApacheHttpClientSupport.defaultPort("HTTPS"));
    assertEquals(80, ApacheHttpClientSupport.defaultPort("http"));
    assertEquals(80, ApacheHttpClientSupport.defaultPort(null));
  }

  @Test
  void isAbsolute_needsASchemeAndTwoSlashes() {
    assertTrue(ApacheHttpClientSupport.isAbsolute("http://host/path"));
    assertTrue(ApacheHttpClientSupport.isAbsolute("svn+ssh://host"));
    assertFalse(ApacheHttpClientSupport.isAbsolute("/path?a=http://x"));
    assertFalse(ApacheHttpClientSupport.isAbsolute("path:with-colon"));
    assertFalse(ApacheHttpClientSupport.isAbsolute("://host"));
    assertFalse(ApacheHttpClientSupport.isAbsolute("1http://host"));
    assertFalse(ApacheHttpClientSupport.isAbsolute(""));
  }

  @Test
  void fullUrl_joinsOriginAndPath_orKeepsAnAbsolutePath() {
    assertEquals("http://h:1/a?b", ApacheHttpClientSupport.fullUrl("http://h:1", "/a?b"));
    assertEquals("http://h:1/a", ApacheHttpClientSupport.fullUrl("http://h:1", "a"));
    assertEquals("http://h:1", ApacheHttpClientSupport.fullUrl("http://h:1", null));
    assertEquals("http://h:1", ApacheHttpClientSupport.fullUrl("http://h:1", ""));
    assertEquals("https://o/x", ApacheHttpClientSupport.fullUrl("http://h:1", "https://o/x"));
    assertEquals("https://o/x", ApacheHttpClientSupport.fullUrl(null, "https://o/x"));
    assertNull(ApacheHttpClientSupport.fullUrl(null, "/relative"));
  }
}
