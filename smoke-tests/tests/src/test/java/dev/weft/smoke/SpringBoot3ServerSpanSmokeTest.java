package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The server-span smoke tests on the Spring Boot 3 fat jar. */
class SpringBoot3ServerSpanSmokeTest extends ServerSpanSmokeTest {

  @Override
  SmokeApp smokeApp() {
    return SmokeApp.SPRING_BOOT3;
  }

  @Test
  void appsOwnByteBuddyAndJackson_workBesideTheAgentsRelocatedCopies() {
    SmokeHttp.Response response = http.get("/libraries");

    assertEquals(200, response.status(), response.body());
    assertEquals(
        "{\"generated\":\"made by the app's Byte Buddy\","
            + "\"jackson\":\"2.19.2\"}",
        response.body());
    awaitRequestSpans(1);
  }
}
