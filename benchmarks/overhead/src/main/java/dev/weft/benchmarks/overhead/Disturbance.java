package dev.weft.benchmarks.overhead;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Finds runs that something outside the measurement disturbed, and runs them again. On a
 * shared machine a run now and then takes far longer than its siblings (another process took
 * the cores); such a run says nothing about the agent. A run counts as disturbed when its key
 * figure lies more than {@link #TOLERANCE} away from the median of the other runs of its
 * configuration; it is re-run once, and the re-run replaces it whatever it shows, so that a
 * configuration that is really erratic still shows as erratic.
 *
 * <p>Stateless.
 */
final class Disturbance {

  /** How far from its configuration's median a run may lie before it counts as disturbed. */
  static final double TOLERANCE = 0.25;

  /** Runs one configuration again. */
  @FunctionalInterface
  interface Rerun<T> {
    T run(T disturbed) throws IOException, InterruptedException;
  }

  private Disturbance() {}

  static <T, K> List<T> rerunOutliers(List<T> runs, Function<T, K> configuration,
      ToLongFunction<T> figure, Rerun<T> rerun) throws IOException, InterruptedException {
    Map<K, List<Long>> byConfiguration = runs.stream().collect(Collectors.groupingBy(
        configuration, Collectors.mapping(figure::applyAsLong, Collectors.toList())));
    List<T> kept = new ArrayList<>(runs.size());
    for (T run : runs) {
      List<Long> siblings = byConfiguration.get(configuration.apply(run));
      if (siblings.size() >= 3 && isOutlier(figure.applyAsLong(run), siblings)) {
        System.err.println("disturbed run, running it again: " + run);
        kept.add(rerun.run(run));
      } else {
        kept.add(run);
      }
    }
    return kept;
  }

  static boolean isOutlier(long value, List<Long> siblings) {
    double median = Stats.median(siblings.stream().mapToDouble(Long::doubleValue).toArray());
    return median > 0 && Math.abs(value - median) / median > TOLERANCE;
  }
}
