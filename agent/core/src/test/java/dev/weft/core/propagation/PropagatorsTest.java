package dev.weft.core.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.propagation.NoopTextMapPropagator;
import dev.weft.api.propagation.TextMapPropagator;
import dev.weft.core.config.ConfigProperties;
import dev.weft.core.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PropagatorsTest {

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void captureLog() throws UnsupportedEncodingException {
    AgentLog.setOutput(new PrintStream(log, true, "UTF-8"));
  }

  @AfterEach
  void restoreLog() {
    AgentLog.setOutput(null);
  }

  private List<String> logLines() throws UnsupportedEncodingException {
    List<String> lines = new ArrayList<String>();
    for (String line : log.toString("UTF-8").split("\\R")) {
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static TextMapPropagator fromConfig(String value) {
    ConfigProperties config =
        value == null
            ? ConfigProperties.of(Collections.<String, String>emptyMap())
            : ConfigProperties.of(Collections.singletonMap("otel.propagators", value));
    return Propagators.fromConfig(config);
  }

  @Test
  void unset_isTraceContextAndBaggage() throws Exception {
    TextMapPropagator propagator = fromConfig(null);

    assertSame(Propagators.defaultPropagator(), propagator);
    assertEquals(Arrays.asList("traceparent", "tracestate", "baggage"), propagator.fields());
    assertTrue(logLines().isEmpty());
  }

  @Test
  void environmentVariable_isRead() {
    ConfigProperties config =
        ConfigProperties.of(
            Collections.<String, String>emptyMap(),
            Collections.singletonMap("OTEL_PROPAGATORS", "b3multi"));

    assertSame(B3Propagator.multiHeader(), Propagators.fromConfig(config));
  }

  @Test
  void singleName_isThatPropagatorItself() {
    assertSame(W3CTraceContextPropagator.INSTANCE, fromConfig("tracecontext"));
    assertSame(W3CBaggagePropagator.INSTANCE, fromConfig("baggage"));
    assertSame(B3Propagator.singleHeader(), fromConfig("b3"));
    assertSame(B3Propagator.multiHeader(), fromConfig("b3multi"));
    assertSame(HoneycombPropagator.INSTANCE, fromConfig("honeycomb"));
  }

  @Test
  void severalNames_formACompositeInOrder() throws Exception {
    TextMapPropagator propagator = fromConfig(" tracecontext , baggage,b3multi,honeycomb ");

    assertEquals(
        Arrays.asList(
            "traceparent", "tracestate", "baggage",
            "x-b3-traceid", "x-b3-spanid", "x-b3-sampled", "x-honeycomb-trace"),
        propagator.fields());
    assertTrue(logLines().isEmpty());
  }

  @Test
  void namesAreCaseInsensitiveAndRepeatsCountOnce() {
    assertSame(W3CTraceContextPropagator.INSTANCE, fromConfig("TraceContext,tracecontext"));
  }

  @Test
  void unknownName_isWarnedOnceAndSkipped() throws Exception {
    TextMapPropagator propagator = fromConfig("tracecontext,jaeger,baggage");

    assertEquals(Arrays.asList("traceparent", "tracestate", "baggage"), propagator.fields());
    List<String> lines = logLines();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("[weft] WARN "), lines.get(0));
    assertTrue(lines.get(0).contains("'jaeger'"), lines.get(0));
    assertTrue(lines.get(0).contains("otel.propagators"), lines.get(0));
  }

  @Test
  void onlyUnknownNames_fallBackToTheDefault() throws Exception {
    TextMapPropagator propagator = fromConfig("xray,ottrace");

    assertSame(Propagators.defaultPropagator(), propagator);
    int warnings = 0;
    for (String line : logLines()) {
      if (line.startsWith("[weft] WARN ")) {
        warnings++;
      }
    }
    assertEquals(2, warnings, logLines().toString());
    assertTrue(log.toString("UTF-8").contains("'xray'"));
    assertTrue(log.toString("UTF-8").contains("'ottrace'"));
  }

  @Test
  void emptyList_isTheDefault() {
    assertSame(Propagators.defaultPropagator(), fromConfig(" , ,"));
  }

  @Test
  void none_turnsPropagationOff() throws Exception {
    assertSame(NoopTextMapPropagator.INSTANCE, fromConfig("none"));
    assertTrue(logLines().isEmpty());
  }

  @Test
  void noneWithOthers_isWarnedAndIgnored() throws Exception {
    assertSame(B3Propagator.singleHeader(), fromConfig("none,b3"));

    List<String> lines = logLines();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).contains("'none'"));
  }
}
