package dev.weft.instrumentation.apachehttpclient.v5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The application's response consumer, ending the call's span when the head of the final
 * response reaches it (the client's redirect and retry handling keep intermediate responses to
 * themselves), or when it is told the call failed. The body is not part of the span. Everything
 * is delegated unchanged; what the delegate throws reaches the client unchanged. A helper class;
 * as thread-safe as the delegate.
 *
 * @param <T> what the delegate makes of the response
 */
final class TracingResponseConsumer<T> implements AsyncResponseConsumer<T> {

  private final AsyncResponseConsumer<T> delegate;
  private final AsyncClientCall call;

  TracingResponseConsumer(AsyncResponseConsumer<T> delegate, AsyncClientCall call) {
    this.delegate = delegate;
    this.call = call;
  }

  @Override
  public void consumeResponse(
      HttpResponse response,
      EntityDetails entityDetails,
      HttpContext context,
      FutureCallback<T> resultCallback)
      throws HttpException, IOException {
    if (response != null) {
      call.onResponse(response, context);
    }
    delegate.consumeResponse(response, entityDetails, context, resultCallback);
  }

  @Override
  public void informationResponse(HttpResponse response, HttpContext context)
      throws HttpException, IOException {
    delegate.informationResponse(response, context);
  }

  @Override
  public void failed(Exception cause) {
    call.onFailure(cause);
    delegate.failed(cause);
  }

  @Override
  public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
    delegate.updateCapacity(capacityChannel);
  }

  @Override
  public void consume(ByteBuffer src) throws IOException {
    delegate.consume(src);
  }

  @Override
  public void streamEnd(List<? extends Header> trailers) throws HttpException, IOException {
    delegate.streamEnd(trailers);
  }

  @Override
  public void releaseResources() {
    delegate.releaseResources();
  }
}
