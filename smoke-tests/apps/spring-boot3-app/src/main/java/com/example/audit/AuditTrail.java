package com.example.audit;

import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application code with a hand-made span: {@link #record} is annotated with {@code @WithSpan}, as
 * a team would mark a piece of work it wants to see in its traces. Outside the agent's own
 * package, as application code is. Stateless.
 */
public final class AuditTrail {

  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

  @WithSpan("audit record")
  public String record(@SpanAttribute("audit.action") String action) {
    LOG.info("recording " + action);
    return action;
  }
}
