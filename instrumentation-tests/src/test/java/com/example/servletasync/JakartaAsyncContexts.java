package com.example.servletasync;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * {@code jakarta.servlet.AsyncContext} implementations as containers write them, for the agent to
 * weave: one that hands the started task on (here: records it for the test to run), and a facade
 * that delegates to another, as some containers put in front of their implementation. Outside
 * {@code dev.weft}, which the agent never weaves.
 */
public final class JakartaAsyncContexts {

  private JakartaAsyncContexts() {}

  /** The implementation: records the task {@code start} received, as its woven body sees it. */
  public static final class Recording extends Unsupported {
    private final ServletRequest request;
    public volatile Runnable started;

    /** @param request what {@code getRequest} returns; null: it throws, as after complete() */
    public Recording(ServletRequest request) {
      this.request = request;
    }

    @Override
    public ServletRequest getRequest() {
      if (request == null) {
        throw new IllegalStateException("complete() was called");
      }
      return request;
    }

    @Override
    public void start(Runnable run) {
      started = run;
    }
  }

  /** A facade: delegates to another context, after noting the task it received. */
  public static final class Facade extends Unsupported {
    private final AsyncContext delegate;
    public volatile Runnable received;

    public Facade(AsyncContext delegate) {
      this.delegate = delegate;
    }

    @Override
    public ServletRequest getRequest() {
      return delegate.getRequest();
    }

    @Override
    public void start(Runnable run) {
      received = run;
      delegate.start(run);
    }
  }

  /** The methods the tests do not use. */
  abstract static class Unsupported implements AsyncContext {
    @Override
    public ServletResponse getResponse() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean hasOriginalRequestAndResponse() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void dispatch() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void dispatch(String path) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void dispatch(ServletContext context, String path) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void complete() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void addListener(AsyncListener listener) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void addListener(
        AsyncListener listener, ServletRequest request, ServletResponse response) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void setTimeout(long timeout) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long getTimeout() {
      throw new UnsupportedOperationException();
    }
  }
}
