package dev.weft.smoke.springboot3;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

/**
 * With {@code -Dsmoke.own.sdk=true} the app registers an OpenTelemetry SDK of its own as the
 * global one, as an application that configures its tracing in code does. Its tracer provider
 * exports nowhere.
 */
final class OwnSdk {

  private OwnSdk() {}

  static void registerIfAsked() {
    if (Boolean.getBoolean("smoke.own.sdk")) {
      OpenTelemetrySdk.builder()
          .setTracerProvider(SdkTracerProvider.builder().build())
          .buildAndRegisterGlobal();
    }
  }
}
