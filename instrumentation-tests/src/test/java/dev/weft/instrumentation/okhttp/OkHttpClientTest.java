package dev.weft.instrumentation.okhttp;

/** OkHttp 4 (the module's test dependency, 4.12): the shared suite and OkHttp's own cases. */
class OkHttpClientTest extends OkHttpClientSuite {

  @Override
  protected int majorVersion() {
    return 4;
  }
}
