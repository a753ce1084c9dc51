package dev.weft.smoke;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the output of the app JVMs a test used when that test fails, so a failure report shows
 * what the agent logged. Apps registered before any test ran (in {@code @BeforeAll}) belong to
 * every test of the class; apps registered inside a test belong to that test only.
 *
 * <p>Use as an instance field with {@code @RegisterExtension} in a class with
 * {@code @TestInstance(PER_CLASS)} or with per-test apps. Not thread-safe (tests run serially).
 */
final class AppLogsOnFailure implements BeforeEachCallback, TestWatcher {

  private final List<AppProcess> classApps = new ArrayList<>();
  private final List<AppProcess> testApps = new ArrayList<>();
  private boolean inTest;

  /** Registers an app and returns it, for use inline at start. */
  AppProcess register(AppProcess app) {
    (inTest ? testApps : classApps).add(app);
    return app;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    inTest = true;
    testApps.clear();
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    List<AppProcess> apps = new ArrayList<>(classApps);
    apps.addAll(testApps);
    for (AppProcess app : apps) {
      System.err.println(app.logTail(300));
    }
  }

  @Override
  public void testSuccessful(ExtensionContext context) {}

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {}

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {}
}
