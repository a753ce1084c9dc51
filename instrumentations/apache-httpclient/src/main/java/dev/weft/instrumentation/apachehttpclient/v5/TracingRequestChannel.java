package dev.weft.instrumentation.apachehttpclient.v5;

import java.io.IOException;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The client's request channel, as the application's producer sees it: the request handed to it
 * gets the call's context injected (replacing any header of the same name) before it goes on to
 * the client, which copies it for its redirect and retry handling. A helper class; stateless
 * beyond its two references.
 */
final class TracingRequestChannel implements RequestChannel {

  private final RequestChannel delegate;
  private final AsyncClientCall call;

  TracingRequestChannel(RequestChannel delegate, AsyncClientCall call) {
    this.delegate = delegate;
    this.call = call;
  }

  @Override
  public void sendRequest(HttpRequest request, EntityDetails entityDetails, HttpContext context)
      throws HttpException, IOException {
    if (request != null) {
      call.onRequest(request);
    }
    delegate.sendRequest(request, entityDetails, context);
  }
}
