package dev.weft.instrumentation.okhttp.v3;

import dev.weft.instrumentation.okhttp.OkHttpClientSuite;

/**
 * OkHttp 3 (3.14.9, the last 3.x), in the {@code okhttp3} surefire execution, which puts it on the
 * class path instead of OkHttp 4: the shared suite and OkHttp's own cases.
 */
class OkHttp3ClientTest extends OkHttpClientSuite {

  @Override
  protected int majorVersion() {
    return 3;
  }
}
