package dev.weft.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentArgumentsTest {

  @Test
  void settingsSeparatedByCommas() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("otel.service.name", "shop");
    expected.put("weft.console.format", "lines");
    assertEquals(
        expected, AgentArguments.parse("otel.service.name=shop, weft.console.format=lines"));
  }

  @Test
  void aCommaNotFollowedByASettingNameBelongsToTheValue() {
    Map<String, String> settings =
        AgentArguments.parse(
            "otel.traces.exporter=otlp,zipkin,otel.resource.attributes=team=shop,tier=web,"
                + "honeycomb.dataset=orders");
    assertEquals("otlp,zipkin", settings.get("otel.traces.exporter"));
    assertEquals("team=shop,tier=web", settings.get("otel.resource.attributes"));
    assertEquals("orders", settings.get("honeycomb.dataset"));
    assertEquals(3, settings.size());
  }

  @Test
  void valuesMayHoldEqualsSignsAndBeEmpty() {
    Map<String, String> settings =
        AgentArguments.parse("otel.exporter.otlp.headers=x-token=a=b,otel.service.name=");
    assertEquals("x-token=a=b", settings.get("otel.exporter.otlp.headers"));
    assertEquals("", settings.get("otel.service.name"));
  }

  @Test
  void nothingForNullOrBlank() {
    assertTrue(AgentArguments.parse(null).isEmpty());
    assertTrue(AgentArguments.parse("  ").isEmpty());
  }

  @Test
  void textBeforeTheFirstSettingIsIgnored() {
    Map<String, String> settings = AgentArguments.parse("verbose,secret=x,otel.service.name=a");
    assertEquals(Collections.singletonMap("otel.service.name", "a"), settings);
  }

  @Test
  void aLaterSettingOfTheSameNameWins() {
    assertEquals("b", AgentArguments.parse("otel.service.name=a,otel.service.name=b")
        .get("otel.service.name"));
  }

  @Test
  void argumentsOverrideSystemPropertiesAndEnvironment() {
    String key = "weft.test.agent-arguments";
    System.setProperty(key, "from-property");
    try {
      assertEquals("from-property", ConfigProperties.fromSystem(null).getString(key));
      assertEquals(
          "from-arguments",
          ConfigProperties.fromSystem(key + "=from-arguments").getString(key));
    } finally {
      System.clearProperty(key);
    }
  }
}
