package dev.weft.instrumentation.apachehttpclient.v5;

import java.io.IOException;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The application's request producer, with the request it produces passing through a {@link
 * TracingRequestChannel} on its way to the client, so that the call's context is injected into
 * the request before it is sent. Everything else is delegated unchanged; what the delegate throws
 * reaches the client unchanged. A helper class; as thread-safe as the delegate.
 */
final class TracingRequestProducer implements AsyncRequestProducer {

  private final AsyncRequestProducer delegate;
  private final AsyncClientCall call;

  TracingRequestProducer(AsyncRequestProducer delegate, AsyncClientCall call) {
    this.delegate = delegate;
    this.call = call;
  }

  @Override
  public void sendRequest(RequestChannel channel, HttpContext context)
      throws HttpException, IOException {
    delegate.sendRequest(new TracingRequestChannel(channel, call), context);
  }

  @Override
  public boolean isRepeatable() {
    return delegate.isRepeatable();
  }

  @Override
  public void failed(Exception cause) {
    delegate.failed(cause);
  }

  @Override
  public int available() {
    return delegate.available();
  }

  @Override
  public void produce(DataStreamChannel channel) throws IOException {
    delegate.produce(channel);
  }

  @Override
  public void releaseResources() {
    delegate.releaseResources();
  }
}
