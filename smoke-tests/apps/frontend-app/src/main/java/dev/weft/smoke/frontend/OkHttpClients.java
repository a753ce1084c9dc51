package dev.weft.smoke.frontend;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.ResponseBody;

/**
 * {@code okhttp} and {@code okhttp-async}: one OkHttp 4 client, {@code Call.execute} and {@code
 * Call.enqueue} (the callback runs on OkHttp's dispatcher threads; the request thread waits for
 * it). Thread-safe.
 */
final class OkHttpClients {

  private final OkHttpClient client =
      new OkHttpClient.Builder()
          .connectTimeout(BackendClient.CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
          .readTimeout(BackendClient.READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
          .build();

  BackendClient.Response execute(String url) throws IOException {
    try (okhttp3.Response response = client.newCall(request(url)).execute()) {
      return toResponse(response);
    }
  }

  BackendClient.Response enqueue(String url)
      throws InterruptedException, ExecutionException, TimeoutException {
    CompletableFuture<BackendClient.Response> result = new CompletableFuture<>();
    client
        .newCall(request(url))
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                result.completeExceptionally(e);
              }

              @Override
              public void onResponse(Call call, okhttp3.Response response) {
                try (response) {
                  result.complete(toResponse(response));
                } catch (IOException | RuntimeException e) {
                  result.completeExceptionally(e);
                }
              }
            });
    return result.get(BackendClient.READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
  }

  private static Request request(String url) {
    return new Request.Builder().url(url).get().build();
  }

  private static BackendClient.Response toResponse(okhttp3.Response response) throws IOException {
    ResponseBody body = response.body();
    return new BackendClient.Response(response.code(), body == null ? "" : body.string());
  }
}
