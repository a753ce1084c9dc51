package dev.weft.instrumentation.servlet.javax;

import dev.weft.instrumentation.servlet.common.ServerRequestHandle;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletResponse;

/**
 * Ends the server span of an asynchronous request when the container completes it. Re-registers
 * itself when the application starts another asynchronous cycle, as the servlet specification
 * requires of listeners that want to hear about it. A helper class.
 */
public final class JavaxAsyncListener implements AsyncListener {

  private final ServerRequestHandle handle;

  JavaxAsyncListener(ServerRequestHandle handle) {
    this.handle = handle;
  }

  @Override
  public void onComplete(AsyncEvent event) {
    ServletResponse response = event.getSuppliedResponse();
    if (response instanceof HttpServletResponse) {
      JavaxServletAccessor.TRACER.onAsyncComplete(handle, (HttpServletResponse) response);
    } else {
      handle.span().end();
    }
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    JavaxServletAccessor.TRACER.onAsyncTimeout(handle);
  }

  @Override
  public void onError(AsyncEvent event) {
    JavaxServletAccessor.TRACER.onAsyncError(handle, event.getThrowable());
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    event
        .getAsyncContext()
        .addListener(this, event.getSuppliedRequest(), event.getSuppliedResponse());
  }
}
