package dev.weft.instrumentation.servlet;

import com.example.servletasync.JakartaAsyncContexts;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import java.lang.reflect.Proxy;

/** {@code jakarta.servlet.AsyncContext.start} with the agent attached. */
class JakartaAsyncContextStartTest extends AsyncContextStartSuite {

  @Override
  Started start(
      Runnable task, boolean throughFacade, Object requestContext, boolean getRequestThrows) {
    JakartaAsyncContexts.Recording implementation =
        new JakartaAsyncContexts.Recording(getRequestThrows ? null : request(requestContext));
    JakartaAsyncContexts.Facade facade =
        throughFacade ? new JakartaAsyncContexts.Facade(implementation) : null;
    AsyncContext target = facade != null ? facade : implementation;
    target.start(task);
    return new Started(facade == null ? null : facade.received, implementation.started);
  }

  /** A request whose only attribute is the request context. */
  private static ServletRequest request(Object requestContext) {
    return (ServletRequest)
        Proxy.newProxyInstance(
            JakartaAsyncContextStartTest.class.getClassLoader(),
            new Class<?>[] {ServletRequest.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getAttribute") && CONTEXT_ATTRIBUTE.equals(args[0])) {
                return requestContext;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
