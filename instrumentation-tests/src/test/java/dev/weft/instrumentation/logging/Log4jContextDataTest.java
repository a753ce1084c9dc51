package dev.weft.instrumentation.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.SpanKind;
import dev.weft.api.Tracer;
import dev.weft.api.Tracing;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Log4j 2 lines carry the current span's ids in their context data, as a pattern layout prints
 * them. Runs with the newest Log4j 2 and, in the {@code log4j2-old} execution, with 2.17.2.
 */
class Log4jContextDataTest {

  private static final Tracer TRACER = Tracing.tracer("dev.weft.test.logging");
  private static final String LOGGER = "weft.test.log4j";

  private final StringWriter out = new StringWriter();
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private Logger logger;

  @BeforeEach
  void attachAppender() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    PatternLayout layout =
        PatternLayout.newBuilder()
            .withConfiguration(config)
            .withPattern("%X{trace_id}|%X{span_id}|%X{trace_flags}|%X{user}|%m%n")
            .build();
    WriterAppender appender = WriterAppender.createAppender(layout, null, out, "list", false, true);
    appender.start();
    config.addAppender(appender);
    LoggerConfig loggerConfig = new LoggerConfig(LOGGER, Level.INFO, false);
    loggerConfig.addAppender(appender, null, null);
    config.addLogger(LOGGER, loggerConfig);
    context.updateLoggers();
    logger = LogManager.getLogger(LOGGER);
  }

  @AfterEach
  void detach() throws InterruptedException {
    ThreadContext.clearAll();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().removeLogger(LOGGER);
    context.updateLoggers();
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void runsWithTheLibraryLineOfItsExecution() {
    String expected = System.getProperty("weft.test.log4j.jar", "");
    String jar = org.apache.logging.log4j.core.Logger.class.getProtectionDomain().getCodeSource().getLocation().toString();
    assertTrue(jar.contains(expected), jar + " should be " + expected + "*");
  }

  @Test
  void insideASpan_theLineCarriesItsIds_andNotBeforeOrAfter() {
    logger.info("before");
    Span span = TRACER.start("request", SpanKind.SERVER, Context.root());
    try (Scope ignored = Context.root().with(span).makeCurrent()) {
      logger.info("inside");
    } finally {
      span.end();
    }
    logger.info("after");
    assertEquals(
        Arrays.asList("||||before", ids(span) + "|01||inside", "||||after"), lines());
  }

  @Test
  void theThreadContextKeepsTheApplicationsValues_andNeverGainsTheIds() {
    ThreadContext.put("user", "ann");
    ThreadContext.put("span_id", "set-by-the-app");
    Span span = TRACER.start("request", SpanKind.SERVER, Context.root());
    try (Scope ignored = Context.root().with(span).makeCurrent()) {
      logger.info("inside");
      assertNull(ThreadContext.get("trace_id"));
    } finally {
      span.end();
    }
    logger.info("after");
    assertEquals(
        Arrays.asList(
            span.spanContext().traceIdHex() + "|set-by-the-app|01|ann|inside",
            "|set-by-the-app||ann|after"),
        lines());
  }

  @Test
  void onAPoolThread_theRequestsIdsAreThere_andAreGoneForTheNextTaskOnThatThread()
      throws Exception {
    Span span = TRACER.start("request", SpanKind.SERVER, Context.root());
    try (Scope ignored = Context.root().with(span).makeCurrent()) {
      pool.submit(() -> logger.info("task")).get(10, TimeUnit.SECONDS);
    } finally {
      span.end();
    }
    pool.submit(() -> logger.info("later")).get(10, TimeUnit.SECONDS);
    assertEquals(Arrays.asList(ids(span) + "|01||task", "||||later"), lines());
  }

  private static String ids(Span span) {
    return span.spanContext().traceIdHex() + "|" + span.spanContext().spanIdHex();
  }

  private List<String> lines() {
    return Arrays.asList(out.toString().split("\\R"));
  }
}
