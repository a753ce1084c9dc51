package dev.weft.smoke.frontend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

/**
 * {@code apache4}: Apache HttpClient 4.5, {@code execute(HttpUriRequest)} on one pooled client,
 * the response consumed and closed so the connection returns to the pool. Thread-safe.
 */
final class ApacheClient4 implements BackendClient {

  private final CloseableHttpClient client =
      HttpClients.custom()
          .setDefaultRequestConfig(
              RequestConfig.custom()
                  .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                  .setSocketTimeout(READ_TIMEOUT_MILLIS)
                  .build())
          .build();

  @Override
  public Response get(String url) throws IOException {
    try (CloseableHttpResponse response = client.execute(new HttpGet(url))) {
      String body =
          response.getEntity() == null
              ? ""
              : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
      return new Response(response.getStatusLine().getStatusCode(), body);
    }
  }
}
