package dev.weft.testing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.Context;
import dev.weft.api.SpanKind;
import dev.weft.api.Tracing;
import dev.weft.core.trace.SpanData;
import org.junit.jupiter.api.Test;

/** The harness itself: the agent is attached, and what it exports is readable here. */
class HarnessTest {

  @Test
  void agentIsAttached_andItsApiClassesAreTheBootstrapOnes() {
    assertAll(
        () -> assertTrue(Tracing.isInstalled(), "the agent installed no tracer"),
        () -> assertNull(Tracing.class.getClassLoader(), "the API must come from the agent"));
  }

  @Test
  void spansStartedThroughTheApi_areExportedToMemory() {
    Tracing.tracer("dev.weft.testing").start("harness", SpanKind.INTERNAL, Context.root()).end();

    SpanData span = AgentSpans.await(s -> s.name().equals("harness"), 1).get(0);
    assertEquals("dev.weft.testing", span.scopeName());
  }
}
