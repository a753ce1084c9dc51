package dev.weft.core.export;

import dev.weft.core.resource.Resource;
import dev.weft.core.trace.SpanData;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes "service: name1,name2,..." as UTF-8 text, with a content type of choice. */
public final class TestEncoder implements SpanBatchEncoder {

  private final String contentType;

  public TestEncoder() {
    this("text/plain; charset=utf-8");
  }

  public TestEncoder(String contentType) {
    this.contentType = contentType;
  }

  public static String expected(String service, String... names) {
    return service + ": " + String.join(",", names);
  }

  @Override
  public byte[] encode(Resource resource, List<SpanData> spans) {
    StringBuilder text = new StringBuilder(resource.serviceName()).append(": ");
    for (int i = 0; i < spans.size(); i++) {
      text.append(i > 0 ? "," : "").append(spans.get(i).name());
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String contentType() {
    return contentType;
  }
}
