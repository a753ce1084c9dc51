package dev.weft.core.export;

import dev.weft.core.resource.Resource;
import dev.weft.core.trace.SpanData;
import java.util.List;

/**
 * Turns a batch of spans into the body of one HTTP request in one wire format (OTLP protobuf,
 * OTLP JSON, ...). Implementations are thread-safe and never throw for any span content.
 */
public interface SpanBatchEncoder {

  /** The request body for {@code spans}, all of which come from {@code resource}. */
  byte[] encode(Resource resource, List<SpanData> spans);

  /** The {@code Content-Type} header of the body, e.g. {@code application/x-protobuf}. */
  String contentType();
}
