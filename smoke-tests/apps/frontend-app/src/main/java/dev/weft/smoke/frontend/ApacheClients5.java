package dev.weft.smoke.frontend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * {@code apache5} and {@code apache5-async}: Apache HttpClient 5, the classic client's {@code
 * execute(request, responseHandler)} (the form its documentation recommends: the handler consumes
 * the entity and releases the connection) and the async client's {@code
 * execute(SimpleHttpRequest, callback)}, each one pooled client for the app's life. Thread-safe.
 */
final class ApacheClients5 implements AutoCloseable {

  private static final ConnectionConfig CONNECTION_CONFIG =
      ConnectionConfig.custom()
          .setConnectTimeout(Timeout.ofMilliseconds(BackendClient.CONNECT_TIMEOUT_MILLIS))
          .setSocketTimeout(Timeout.ofMilliseconds(BackendClient.READ_TIMEOUT_MILLIS))
          .build();

  private final CloseableHttpClient classic =
      HttpClients.custom()
          .setConnectionManager(
              PoolingHttpClientConnectionManagerBuilder.create()
                  .setDefaultConnectionConfig(CONNECTION_CONFIG)
                  .build())
          .build();

  private final CloseableHttpAsyncClient async =
      HttpAsyncClients.custom()
          .setConnectionManager(
              PoolingAsyncClientConnectionManagerBuilder.create()
                  .setDefaultConnectionConfig(CONNECTION_CONFIG)
                  .build())
          .build();

  ApacheClients5() {
    async.start();
  }

  BackendClient.Response classic(String url) throws IOException {
    return classic.execute(
        new HttpGet(url),
        response ->
            new BackendClient.Response(
                response.getCode(),
                response.getEntity() == null
                    ? ""
                    : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
  }

  BackendClient.Response async(String url)
      throws InterruptedException, ExecutionException, TimeoutException {
    SimpleHttpResponse response =
        async
            .execute(SimpleRequestBuilder.get(url).build(), null)
            .get(BackendClient.READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    String body = response.getBodyText();
    return new BackendClient.Response(response.getCode(), body == null ? "" : body);
  }

  @Override
  public void close() {
    async.close(CloseMode.GRACEFUL);
    try {
      classic.close();
    } catch (IOException e) {
      System.out.println("frontend-app: closing the Apache 5 client failed: " + e);
    }
  }
}
