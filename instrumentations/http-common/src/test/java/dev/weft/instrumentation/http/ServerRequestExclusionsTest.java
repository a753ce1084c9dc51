package dev.weft.instrumentation.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServerRequestExclusionsTest {

  @Test
  void exactPathsMatchOnlyThemselves() {
    ServerRequestExclusions exclusions = ServerRequestExclusions.of("/health, /metrics", null);
    assertTrue(exclusions.excludes("/health", null));
    assertTrue(exclusions.excludes("/metrics", "curl/8"));
    assertFalse(exclusions.excludes("/healthz", null));
    assertFalse(exclusions.excludes("/health/live", null));
    assertFalse(exclusions.excludes("/Health", null), "paths are case-sensitive");
    assertFalse(exclusions.excludes("/api/health", null));
  }

  @Test
  void doubleStarMatchesAcrossSegmentsAndTheBarePrefix() {
    ServerRequestExclusions exclusions = ServerRequestExclusions.of("/actuator/**", null);
    assertTrue(exclusions.excludes("/actuator", null));
    assertTrue(exclusions.excludes("/actuator/", null));
    assertTrue(exclusions.excludes("/actuator/health/liveness", null));
    assertFalse(exclusions.excludes("/actuators", null));
    assertFalse(exclusions.excludes("/api/actuator/health", null));
  }

  @Test
  void singleStarAndQuestionMarkStayWithinASegment() {
    ServerRequestExclusions exclusions =
        ServerRequestExclusions.of("/static/*.css,/v?/ping,/**/favicon.ico", null);
    assertTrue(exclusions.excludes("/static/site.css", null));
    assertFalse(exclusions.excludes("/static/css/site.css", null));
    assertTrue(exclusions.excludes("/v1/ping", null));
    assertFalse(exclusions.excludes("/v10/ping", null));
    assertTrue(exclusions.excludes("/shop/img/favicon.ico", null));
  }

  @Test
  void regexCharactersInPatternsAreLiteral() {
    ServerRequestExclusions exclusions = ServerRequestExclusions.of("/a.b/(x)+", null);
    assertTrue(exclusions.excludes("/a.b/(x)+", null));
    assertFalse(exclusions.excludes("/aXb/xx", null));
  }

  @Test
  void userAgentsMatchWholeIgnoringCase() {
    ServerRequestExclusions exclusions =
        ServerRequestExclusions.of(null, "kube-probe/*, *pingdom*");
    assertTrue(exclusions.hasUserAgents());
    assertTrue(exclusions.excludes("/orders", "kube-probe/1.29"));
    assertTrue(exclusions.excludes("/orders", "Mozilla/5.0 (compatible; Pingdom.com_bot)"));
    assertFalse(exclusions.excludes("/orders", "curl/8.5 kube-probe/1.29"));
    assertFalse(exclusions.excludes("/orders", null));
  }

  @Test
  void nothingConfiguredExcludesNothing() {
    ServerRequestExclusions exclusions = ServerRequestExclusions.of(" , ", null);
    assertTrue(exclusions.isEmpty());
    assertFalse(exclusions.excludes("/health", "kube-probe/1.29"));
  }
}
