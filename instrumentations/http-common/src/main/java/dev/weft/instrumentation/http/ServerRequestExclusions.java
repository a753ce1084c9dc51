package dev.weft.instrumentation.http;

import dev.weft.api.Tracing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The server requests configuration says not to trace: health checks, metrics scrapes, probes.
 *
 * <ul>
 *   <li>{@value #PATHS}: comma list of {@link Glob#path path patterns} matched against the
 *       request's path as received ({@code url.path}, without the query), e.g. {@code
 *       /health,/actuator/**,/metrics}.
 *   <li>{@value #USER_AGENTS}: comma list of {@link Glob#text user-agent patterns}, e.g. {@code
 *       kube-probe/*,ELB-HealthChecker/*}.
 * </ul>
 *
 * <p>An excluded request gets a span that is neither recorded nor sampled, in place of its server
 * span: nothing under it is recorded either, and the calls it makes to other services carry the
 * unsampled decision, so they stay untraced instead of starting traces of their own.
 *
 * <p>Read once from configuration; immutable and thread-safe. With nothing configured {@link
 * #excludes} returns false after two field reads.
 */
public final class ServerRequestExclusions {

  public static final String PATHS = "weft.http.server.exclude.paths";
  public static final String USER_AGENTS = "weft.http.server.exclude.user-agents";

  private static final ServerRequestExclusions NONE =
      new ServerRequestExclusions(Collections.<Glob>emptyList(), Collections.<Glob>emptyList());

  private final Glob[] paths;
  private final Glob[] userAgents;

  private ServerRequestExclusions(List<Glob> paths, List<Glob> userAgents) {
    this.paths = paths.toArray(new Glob[0]);
    this.userAgents = userAgents.toArray(new Glob[0]);
  }

  /** The exclusions of the agent's configuration, read on first use. */
  public static ServerRequestExclusions configured() {
    return Configured.INSTANCE;
  }

  /** Exclusions from the two settings' values (null for unset); for tests. */
  static ServerRequestExclusions of(String paths, String userAgents) {
    List<Glob> pathGlobs = new ArrayList<Glob>();
    for (String entry : entries(paths)) {
      pathGlobs.add(Glob.path(entry));
    }
    List<Glob> agentGlobs = new ArrayList<Glob>();
    for (String entry : entries(userAgents)) {
      agentGlobs.add(Glob.text(entry));
    }
    return pathGlobs.isEmpty() && agentGlobs.isEmpty()
        ? NONE
        : new ServerRequestExclusions(pathGlobs, agentGlobs);
  }

  /** Whether a request for {@code path} from {@code userAgent} (either may be null) is not traced. */
  public boolean excludes(String path, String userAgent) {
    for (Glob glob : paths) {
      if (glob.matches(path)) {
        return true;
      }
    }
    for (Glob glob : userAgents) {
      if (glob.matches(userAgent)) {
        return true;
      }
    }
    return false;
  }

  /** Whether any exclusion is configured; instrumentations skip reading headers otherwise. */
  public boolean isEmpty() {
    return paths.length == 0 && userAgents.length == 0;
  }

  /** Whether user agents are looked at, so that the header need only be read then. */
  public boolean hasUserAgents() {
    return userAgents.length > 0;
  }

  private static List<String> entries(String value) {
    List<String> entries = new ArrayList<String>();
    if (value == null) {
      return entries;
    }
    for (String part : value.split(",")) {
      String entry = part.trim();
      if (!entry.isEmpty()) {
        entries.add(entry);
      }
    }
    return entries;
  }

  /** Holds the configured instance; read when first asked for, after the tracer is installed. */
  private static final class Configured {
    static final ServerRequestExclusions INSTANCE =
        of(Tracing.configValue(PATHS), Tracing.configValue(USER_AGENTS));
  }
}
