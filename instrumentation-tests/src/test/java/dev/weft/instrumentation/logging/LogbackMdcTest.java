package dev.weft.instrumentation.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.SpanKind;
import dev.weft.api.Tracer;
import dev.weft.api.Tracing;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logback events logged through SLF4J carry the current span's ids in their MDC, as an appender
 * sees them. Runs with Logback 1.5 (SLF4J 2) and, in the {@code logback12} execution, Logback 1.2
 * (SLF4J 1.7).
 */
class LogbackMdcTest {

  private static final Tracer TRACER = Tracing.tracer("dev.weft.test.logging");

  private final Logger logger = (Logger) LoggerFactory.getLogger("weft.test.logback");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @BeforeEach
  void attachAppender() {
    appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    appender.start();
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
    logger.addAppender(appender);
  }

  @AfterEach
  void detach() throws InterruptedException {
    logger.detachAndStopAllAppenders();
    MDC.clear();
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void runsWithTheLibraryLineOfItsExecution() {
    String expected = System.getProperty("weft.test.logback.jar", "");
    String jar = Logger.class.getProtectionDomain().getCodeSource().getLocation().toString();
    assertTrue(jar.contains(expected), jar + " should be " + expected + "*");
  }

  @Test
  void insideASpan_theEventCarriesItsIds_andThePatternPrintsThem() {
    Span span = logInsideASpan("inside");
    Map<String, String> mdc = only(appender.list).getMDCPropertyMap();
    assertEquals(span.spanContext().traceIdHex(), mdc.get("trace_id"));
    assertEquals(span.spanContext().spanIdHex(), mdc.get("span_id"));
    assertEquals("01", mdc.get("trace_flags"));

    PatternLayout layout = new PatternLayout();
    layout.setContext(logger.getLoggerContext());
    layout.setPattern("%X{trace_id} %X{span_id} %X{trace_flags} %msg");
    layout.start();
    assertEquals(
        span.spanContext().traceIdHex() + " " + span.spanContext().spanIdHex() + " 01 inside",
        layout.doLayout(appender.list.get(0)));
  }

  @Test
  void outsideASpan_andAfterOne_theEventHasNoIds_andTheMdcItselfIsNeverWritten() {
    logger.info("before");
    Span span = TRACER.start("request", SpanKind.SERVER, Context.root());
    try (Scope ignored = Context.root().with(span).makeCurrent()) {
      assertNull(MDC.get("trace_id"), "the application's MDC is not written");
    } finally {
      span.end();
    }
    logger.info("after");
    assertEquals(2, appender.list.size());
    for (ILoggingEvent event : appender.list) {
      assertFalse(event.getMDCPropertyMap().containsKey("trace_id"), event.getMessage());
      assertFalse(event.getMDCPropertyMap().containsKey("span_id"), event.getMessage());
    }
  }

  @Test
  void onAPoolThread_theRequestsIdsAreThere_andAreGoneForTheNextTaskOnThatThread()
      throws Exception {
    Span span = TRACER.start("request", SpanKind.SERVER, Context.root());
    try (Scope ignored = Context.root().with(span).makeCurrent()) {
      pool.submit(() -> logger.info("in the request's task")).get(10, TimeUnit.SECONDS);
    } finally {
      span.end();
    }
    pool.submit(() -> logger.info("in a later task")).get(10, TimeUnit.SECONDS);

    assertEquals(2, appender.list.size());
    assertEquals(
        span.spanContext().traceIdHex(), appender.list.get(0).getMDCPropertyMap().get("trace_id"));
    assertEquals(
        span.spanContext().spanIdHex(), appender.list.get(0).getMDCPropertyMap().get("span_id"));
    assertFalse(appender.list.get(1).getMDCPropertyMap().containsKey("trace_id"));
  }

  @Test
  void theApplicationsOwnKeys_keepTheirValues() {
    MDC.put("trace_id", "set-by-the-app");
    MDC.put("user", "ann");
    Span span = logInsideASpan("inside");
    Map<String, String> mdc = only(appender.list).getMDCPropertyMap();
    assertEquals("set-by-the-app", mdc.get("trace_id"));
    assertEquals("ann", mdc.get("user"));
    assertEquals(span.spanContext().spanIdHex(), mdc.get("span_id"));
    assertEquals("set-by-the-app", MDC.get("trace_id"));
  }

  @Test
  void throughAnAsyncAppender_theIdsOfTheLoggingThreadArrive() {
    AsyncAppender async = new AsyncAppender();
    async.setContext(logger.getLoggerContext());
    async.addAppender(appender);
    async.start();
    logger.detachAppender(appender);
    logger.addAppender(async);

    Span span = logInsideASpan("queued");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (appender.list.isEmpty()) {
      if (System.nanoTime() > deadline) {
        fail("the async appender delivered nothing within 10 s");
      }
      Thread.onSpinWait();
    }
    async.stop();
    Map<String, String> mdc = only(appender.list).getMDCPropertyMap();
    assertEquals(span.spanContext().traceIdHex(), mdc.get("trace_id"));
    assertEquals(span.spanContext().spanIdHex(), mdc.get("span_id"));
  }

  /** Logs {@code message} with a new SERVER span current, and returns the ended span. */
  private Span logInsideASpan(String message) {
    Span span = TRACER.start("request", SpanKind.SERVER, Context.root());
    try (Scope ignored = Context.root().with(span).makeCurrent()) {
      logger.info(message);
    } finally {
      span.end();
    }
    return span;
  }

  private static ILoggingEvent only(List<ILoggingEvent> events) {
    assertEquals(1, events.size(), String.valueOf(events));
    return events.get(0);
  }
}
