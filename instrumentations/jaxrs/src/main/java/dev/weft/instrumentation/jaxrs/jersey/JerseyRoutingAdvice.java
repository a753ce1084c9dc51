package dev.weft.instrumentation.jaxrs.jersey;

import net.bytebuddy.asm.Advice;

/**
 * Woven into Jersey's {@code UriRoutingContext.setEndpoint(Endpoint)}, which its routing stage
 * calls exactly once per request, and only when routing found a resource method: every template
 * is matched by then, and no post-matching filter or resource method has run yet. The request is
 * the routing context's own {@code requestContext} field (Jersey 2.x and 3.x alike).
 */
public final class JerseyRoutingAdvice {

  private JerseyRoutingAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(
      @Advice.This Object routingContext,
      @Advice.FieldValue("requestContext") Object request) {
    JerseyRoutes.endpointMatched(routingContext, request);
  }
}
