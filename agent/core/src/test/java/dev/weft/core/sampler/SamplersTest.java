package dev.weft.core.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.config.ConfigProperties;
import dev.weft.core.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SamplersTest {

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void captureLog() throws UnsupportedEncodingException {
    AgentLog.setOutput(new PrintStream(log, true, "UTF-8"));
  }

  @AfterEach
  void restoreLog() {
    AgentLog.setOutput(null);
  }

  private String logText() throws UnsupportedEncodingException {
    return log.toString("UTF-8");
  }

  private static Sampler fromConfig(String sampler, String arg) {
    Map<String, String> props = new HashMap<String, String>();
    if (sampler != null) {
      props.put("otel.traces.sampler", sampler);
    }
    if (arg != null) {
      props.put("otel.traces.sampler.arg", arg);
    }
    return Samplers.fromConfig(ConfigProperties.of(props));
  }

  @Test
  void unset_isParentBasedAlwaysOn() throws Exception {
    Sampler sampler = fromConfig(null, null);

    assertSame(Samplers.defaultSampler(), sampler);
    assertEquals("ParentBased{root:AlwaysOnSampler}", sampler.description());
    assertEquals("", logText());
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "always_on, null, AlwaysOnSampler",
        "always_off, null, AlwaysOffSampler",
        "traceidratio, 0.25, TraceIdRatioBased{0.250000}",
        "traceidratio, null, TraceIdRatioBased{1.000000}",
        "traceidratio, 0, TraceIdRatioBased{0.000000}",
        "traceidratio, 1, TraceIdRatioBased{1.000000}",
        "parentbased_always_on, null, ParentBased{root:AlwaysOnSampler}",
        "parentbased_always_off, null, ParentBased{root:AlwaysOffSampler}",
        "parentbased_traceidratio, 0.5, ParentBased{root:TraceIdRatioBased{0.500000}}",
        "parentbased_traceidratio, ' 0.1 ', ParentBased{root:TraceIdRatioBased{0.100000}}",
        "PARENTBASED_TRACEIDRATIO, 0.5, ParentBased{root:TraceIdRatioBased{0.500000}}",
        "always_on, 0.5, AlwaysOnSampler",
      })
  void knownSamplers(String name, String arg, String description) throws Exception {
    assertEquals(description, fromConfig(name, arg).description());
    assertEquals("", logText());
  }

  @Test
  void environmentVariables_areRead() {
    Map<String, String> env = new HashMap<String, String>();
    env.put("OTEL_TRACES_SAMPLER", "traceidratio");
    env.put("OTEL_TRACES_SAMPLER_ARG", "0.125");

    Sampler sampler =
        Samplers.fromConfig(ConfigProperties.of(Collections.<String, String>emptyMap(), env));

    assertEquals("TraceIdRatioBased{0.125000}", sampler.description());
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "-0.1", "1.5", "NaN", "Infinity", "50%"})
  void badRatio_isWarnedAndOneIsUsed(String arg) throws Exception {
    Sampler sampler = fromConfig("parentbased_traceidratio", arg);

    assertEquals("ParentBased{root:TraceIdRatioBased{1.000000}}", sampler.description());
    String text = logText();
    assertTrue(text.startsWith("[weft] WARN "), text);
    assertTrue(text.contains("otel.traces.sampler.arg"), text);
    assertTrue(text.contains(arg), text);
  }

  @Test
  void unknownSampler_isWarnedAndTheDefaultUsed() throws Exception {
    Sampler sampler = fromConfig("jaeger_remote", "0.5");

    assertSame(Samplers.defaultSampler(), sampler);
    String text = logText();
    assertTrue(text.startsWith("[weft] WARN "), text);
    assertTrue(text.contains("'jaeger_remote'"), text);
    assertEquals(1, text.split("\\R").length, text);
  }
}
