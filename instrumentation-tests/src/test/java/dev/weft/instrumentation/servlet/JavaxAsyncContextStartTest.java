package dev.weft.instrumentation.servlet;

import com.example.servletasync.JavaxAsyncContexts;
import javax.servlet.AsyncContext;
import javax.servlet.ServletRequest;
import java.lang.reflect.Proxy;

/** {@code javax.servlet.AsyncContext.start} with the agent attached. */
class JavaxAsyncContextStartTest extends AsyncContextStartSuite {

  @Override
  Started start(
      Runnable task, boolean throughFacade, Object requestContext, boolean getRequestThrows) {
    JavaxAsyncContexts.Recording implementation =
        new JavaxAsyncContexts.Recording(getRequestThrows ? null : request(requestContext));
    JavaxAsyncContexts.Facade facade =
        throughFacade ? new JavaxAsyncContexts.Facade(implementation) : null;
    AsyncContext target = facade != null ? facade : implementation;
    target.start(task);
    return new Started(facade == null ? null : facade.received, implementation.started);
  }

  /** A request whose only attribute is the request context. */
  private static ServletRequest request(Object requestContext) {
    return (ServletRequest)
        Proxy.newProxyInstance(
            JavaxAsyncContextStartTest.class.getClassLoader(),
            new Class<?>[] {ServletRequest.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getAttribute") && CONTEXT_ATTRIBUTE.equals(args[0])) {
                return requestContext;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
