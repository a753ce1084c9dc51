package dev.weft.instrumentation.servlet.jakarta;

import dev.weft.instrumentation.servlet.common.ServerRequestHandle;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Ends the server span of an asynchronous request when the container completes it. Re-registers
 * itself when the application starts another asynchronous cycle, as the servlet specification
 * requires of listeners that want to hear about it. A helper class.
 */
public final class JakartaAsyncListener implements AsyncListener {

  private final ServerRequestHandle handle;

  JakartaAsyncListener(ServerRequestHandle handle) {
    this.handle = handle;
  }

  @Override
  public void onComplete(AsyncEvent event) {
    ServletResponse response = event.getSuppliedResponse();
    if (response instanceof HttpServletResponse) {
      JakartaServletAccessor.TRACER.onAsyncComplete(handle, (HttpServletResponse) response);
    } else {
      handle.span().end();
    }
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    JakartaServletAccessor.TRACER.onAsyncTimeout(handle);
  }

  @Override
  public void onError(AsyncEvent event) {
    JakartaServletAccessor.TRACER.onAsyncError(handle, event.getThrowable());
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    event
        .getAsyncContext()
        .addListener(this, event.getSuppliedRequest(), event.getSuppliedResponse());
  }
}
