package dev.weft.instrumentation.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class TracingInterceptorTest {

  private static final Interceptor APP_1 = new NamedInterceptor("app-1");
  private static final Interceptor APP_2 = new NamedInterceptor("app-2");
  private static final Interceptor TRACING = TracingInterceptor.INSTANCE;

  @Test
  void withTracingLast_appendsItAfterTheApplicationsInterceptors() {
    List<Interceptor> result = TracingInterceptor.withTracingLast(Arrays.asList(APP_1, APP_2));

    assertEquals(Arrays.asList(APP_1, APP_2, TRACING), result);
    assertThrows(UnsupportedOperationException.class, () -> result.add(APP_1));
  }

  @Test
  void withTracingLast_onAnEmptyList_isTheTracingInterceptorAlone() {
    assertEquals(
        Collections.singletonList(TRACING),
        TracingInterceptor.withTracingLast(Collections.<Interceptor>emptyList()));
  }

  @Test
  void withTracingLast_whenAlreadyLast_returnsTheSameList() {
    List<Interceptor> built = Collections.unmodifiableList(Arrays.asList(APP_1, TRACING));

    assertSame(built, TracingInterceptor.withTracingLast(built));
  }

  @Test
  void withTracingLast_afterNewBuilderAddedInterceptors_movesItToTheEnd() {
    // client.newBuilder() copies [app-1, tracing]; the application then adds app-2.
    List<Interceptor> inherited = new ArrayList<>(Arrays.asList(APP_1, TRACING, APP_2));

    assertEquals(Arrays.asList(APP_1, APP_2, TRACING), TracingInterceptor.withTracingLast(inherited));
    assertEquals(Arrays.asList(APP_1, TRACING, APP_2), inherited, "the input must stay as it was");
  }

  @Test
  void withTracingLast_keepsOnlyOneTracingInterceptor() {
    assertEquals(
        Arrays.asList(APP_1, TRACING),
        TracingInterceptor.withTracingLast(Arrays.asList(TRACING, APP_1, TRACING)));
  }

  @Test
  void protocolVersion_followsTheSemanticConventions() {
    assertEquals("1.0", TracingInterceptor.protocolVersion(Protocol.HTTP_1_0));
    assertEquals("1.1", TracingInterceptor.protocolVersion(Protocol.HTTP_1_1));
    assertEquals("2", TracingInterceptor.protocolVersion(Protocol.HTTP_2));
    assertEquals("2", TracingInterceptor.protocolVersion(Protocol.H2_PRIOR_KNOWLEDGE));
    assertEquals("3", TracingInterceptor.protocolVersion(Protocol.QUIC));
    assertNull(TracingInterceptor.protocolVersion(null));
  }

  /** An application interceptor that only has a name. */
  private static final class NamedInterceptor implements Interceptor {
    private final String name;

    NamedInterceptor(String name) {
      this.name = name;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      return chain.proceed(chain.request());
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
