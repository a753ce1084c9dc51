package dev.weft.instrumentation.servlet.javax;

import dev.weft.instrumentation.http.HeaderLines;
import dev.weft.instrumentation.servlet.common.ServerRequestHandle;
import dev.weft.instrumentation.servlet.common.ServletAccessor;
import dev.weft.instrumentation.servlet.common.ServletMappings;
import dev.weft.instrumentation.servlet.common.ServletServerTracer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.servlet.AsyncContext;
import javax.servlet.ServletContext;
import javax.servlet.ServletException;
import javax.servlet.ServletRegistration;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The {@code javax.servlet} (3.0+) side of the servlet instrumentation, and the entry point its
 * advice calls. A helper class: defined in the application's class loader, where the servlet API
 * is. Stateless singleton; thread-safe.
 */
public final class JavaxServletAccessor
    implements ServletAccessor<HttpServletRequest, HttpServletResponse> {

  static final JavaxServletAccessor INSTANCE = new JavaxServletAccessor();

  static final ServletServerTracer<HttpServletRequest, HttpServletResponse> TRACER =
      new ServletServerTracer<HttpServletRequest, HttpServletResponse>(INSTANCE);

  private JavaxServletAccessor() {}

  /** Called by the advice at the entry of {@code Servlet.service} and {@code Filter.doFilter}. */
  public static ServerRequestHandle enter(ServletRequest request) {
    return request instanceof HttpServletRequest
        ? TRACER.enter((HttpServletRequest) request)
        : null;
  }

  /** Called by the advice at the exit of the call {@link #enter} was called for. */
  public static void exit(
      ServerRequestHandle handle,
      ServletRequest request,
      ServletResponse response,
      Throwable thrown) {
    if (handle != null && response instanceof HttpServletResponse) {
      TRACER.exit(handle, (HttpServletRequest) request, (HttpServletResponse) response, thrown);
    } else if (handle != null) {
      handle.span().end();
    }
  }

  /**
   * Called by the advice at the entry of {@code AsyncContext.start(Runnable)}: the task to start
   * instead, bound to the request's context (see {@link ServletServerTracer#bindAsyncTask}).
   */
  public static Runnable bindAsyncTask(AsyncContext asyncContext, Runnable task) {
    if (task == null || ServletServerTracer.hasCurrentSpan()) {
      return ServletServerTracer.bindAsyncTask(task, null);
    }
    ServletRequest request;
    try {
      request = asyncContext.getRequest();
    } catch (IllegalStateException completedOrDispatched) {
      // start() itself rejects this state; leave the answer to the container.
      return task;
    }
    Object requestContext =
        request == null ? null : request.getAttribute(ServletServerTracer.CONTEXT_ATTRIBUTE);
    return ServletServerTracer.bindAsyncTask(task, requestContext);
  }

  @Override
  public String get(HttpServletRequest request, String key) {
    return request.getHeader(key);
  }

  @Override
  public Iterator<String> getAll(HttpServletRequest request, String key) {
    return HeaderLines.of(request.getHeaders(key));
  }

  @Override
  public String method(HttpServletRequest request) {
    return request.getMethod();
  }

  @Override
  public String requestUri(HttpServletRequest request) {
    return request.getRequestURI();
  }

  @Override
  public String queryString(HttpServletRequest request) {
    return request.getQueryString();
  }

  @Override
  public String scheme(HttpServletRequest request) {
    return request.getScheme();
  }

  @Override
  public String serverName(HttpServletRequest request) {
    return request.getServerName();
  }

  @Override
  public int serverPort(HttpServletRequest request) {
    return request.getServerPort();
  }

  @Override
  public String remoteAddress(HttpServletRequest request) {
    return request.getRemoteAddr();
  }

  @Override
  public String protocol(HttpServletRequest request) {
    return request.getProtocol();
  }

  @Override
  public String route(HttpServletRequest request) {
    return mappings(request.getServletContext())
        .route(request.getContextPath(), request.getServletPath(), request.getPathInfo());
  }

  private static ServletMappings mappings(ServletContext servletContext) {
    Object cached = servletContext.getAttribute(ServletServerTracer.MAPPINGS_ATTRIBUTE);
    if (cached instanceof ServletMappings) {
      return (ServletMappings) cached;
    }
    List<String> patterns = new ArrayList<String>();
    for (ServletRegistration registration : servletContext.getServletRegistrations().values()) {
      patterns.addAll(registration.getMappings());
    }
    ServletMappings mappings = new ServletMappings(patterns);
    servletContext.setAttribute(ServletServerTracer.MAPPINGS_ATTRIBUTE, mappings);
    return mappings;
  }

  @Override
  public Object attribute(HttpServletRequest request, String name) {
    return request.getAttribute(name);
  }

  @Override
  public void setAttribute(HttpServletRequest request, String name, Object value) {
    request.setAttribute(name, value);
  }

  @Override
  public boolean isAsyncStarted(HttpServletRequest request) {
    return request.isAsyncStarted();
  }

  @Override
  public void addAsyncListener(
      HttpServletRequest request, HttpServletResponse response, ServerRequestHandle handle) {
    request.getAsyncContext().addListener(new JavaxAsyncListener(handle), request, response);
  }

  @Override
  public Throwable unwrap(Throwable thrown) {
    Throwable current = thrown;
    // Bounded: a cause chain can be cyclic.
    for (int i = 0; i < 8 && current instanceof ServletException; i++) {
      Throwable cause = current.getCause();
      if (cause == null || cause == current) {
        break;
      }
      current = cause;
    }
    return current;
  }

  @Override
  public int status(HttpServletResponse response) {
    return response.getStatus();
  }

  @Override
  public boolean isCommitted(HttpServletResponse response) {
    return response.isCommitted();
  }
}
