package dev.weft.smoke;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the agent jar for the tests that need it (system property {@code weft.agent.jar}).
 *
 * <p>An unset property fails the test. A property pointing at a missing file skips the test
 * (while the agent module is not built yet) unless {@code smoke.require.agent=true}, which makes
 * it a failure: the release build sets that, so a missing agent can never pass as green.
 *
 * <p>Call {@link #require()} per test (in {@code @BeforeEach}), so each skipped test is counted
 * as skipped in the reports rather than vanishing with its class.
 */
final class AgentJar {

  private static final AtomicBoolean SKIP_ANNOUNCED = new AtomicBoolean();

  private AgentJar() {}

  /** The agent jar if the property names an existing file, else null; never skips or fails. */
  static Path availableOrNull() {
    String configured = System.getProperty("weft.agent.jar");
    if (configured == null || configured.isBlank()) {
      return null;
    }
    Path jar = Path.of(configured).toAbsolutePath().normalize();
    return Files.isRegularFile(jar) ? jar : null;
  }

  /** The agent jar, or a failure or skip of the current test as described above. */
  static Path require() {
    String configured = System.getProperty("weft.agent.jar");
    if (configured == null || configured.isBlank()) {
      throw new AssertionError(
          "system property weft.agent.jar is not set; run the suite through Maven or pass "
              + "-Dweft.agent.jar=/path/to/weft-agent.jar");
    }
    Path jar = Path.of(configured).toAbsolutePath().normalize();
    if (Files.isRegularFile(jar)) {
      return jar;
    }
    String problem =
        "agent jar " + jar + " does not exist (build agent/javaagent, or pass -Dweft.agent.jar)";
    if (Boolean.parseBoolean(System.getProperty("smoke.require.agent"))) {
      throw new AssertionError(problem + "; smoke.require.agent=true makes this a failure");
    }
    // Said on stderr too, so a skipped smoke suite is visible in the build log, not only in reports.
    if (SKIP_ANNOUNCED.compareAndSet(false, true)) {
      System.err.println("SKIPPING the agent smoke tests: " + problem);
    }
    Assumptions.abort(problem + "; set -Dsmoke.require.agent=true to fail instead of skipping");
    throw new AssertionError("unreachable");
  }
}
