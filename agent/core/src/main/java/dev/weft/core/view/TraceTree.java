package dev.weft.core.view;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The spans of one trace as a tree, in the order a waterfall shows them: each span under its
 * parent, siblings by start time, depth first.
 *
 * <p>A span whose parent is not among the spans is a root of the tree: the trace's root, or a
 * span that continues a parent in a process whose spans are not here ({@link
 * Row#continuesMissingParent()}). Bad input never breaks the tree: a span id seen twice is shown
 * once (the first), and spans whose parents form a cycle are cut into roots.
 *
 * <p>Immutable and thread-safe.
 */
public final class TraceTree {

  private static final Comparator<Node> BY_START =
      new Comparator<Node>() {
        @Override
        public int compare(Node a, Node b) {
          int byStart = Long.compare(a.span.startNanos(), b.span.startNanos());
          return byStart != 0 ? byStart : a.span.spanId().compareTo(b.span.spanId());
        }
      };

  /** The deepest level whose guides are kept: deeper rows repeat the last ones. */
  private static final int MAX_GUIDES = 40;

  private final String traceId;
  private final List<Row> rows;
  private final long startNanos;
  private final long endNanos;
  private final List<String> services;
  private final int errors;

  private TraceTree(String traceId, List<Row> rows) {
    this.traceId = traceId;
    this.rows = Collections.unmodifiableList(rows);
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    Set<String> serviceNames = new LinkedHashSet<String>();
    int errorCount = 0;
    for (Row row : rows) {
      start = Math.min(start, row.span.startNanos());
      end = Math.max(end, row.span.endNanos());
      serviceNames.add(row.span.service());
      if (row.span.isError()) {
        errorCount++;
      }
    }
    this.startNanos = rows.isEmpty() ? 0 : start;
    this.endNanos = rows.isEmpty() ? 0 : end;
    this.services = Collections.unmodifiableList(new ArrayList<String>(serviceNames));
    this.errors = errorCount;
  }

  /** The traces of {@code spans}, each a tree, the earliest-starting trace first. */
  public static List<TraceTree> groupByTrace(Iterable<ViewSpan> spans) {
    Map<String, List<ViewSpan>> byTrace = new LinkedHashMap<String, List<ViewSpan>>();
    for (ViewSpan span : spans) {
      List<ViewSpan> trace = byTrace.get(span.traceId());
      if (trace == null) {
        trace = new ArrayList<ViewSpan>();
        byTrace.put(span.traceId(), trace);
      }
      trace.add(span);
    }
    List<TraceTree> trees = new ArrayList<TraceTree>(byTrace.size());
    for (Map.Entry<String, List<ViewSpan>> trace : byTrace.entrySet()) {
      trees.add(of(trace.getKey(), trace.getValue()));
    }
    Collections.sort(
        trees,
        new Comparator<TraceTree>() {
          @Override
          public int compare(TraceTree a, TraceTree b) {
            int byStart = Long.compare(a.startNanos, b.startNanos);
            return byStart != 0 ? byStart : a.traceId.compareTo(b.traceId);
          }
        });
    return trees;
  }

  /** The tree of {@code spans}, all of trace {@code traceId}. */
  public static TraceTree of(String traceId, List<ViewSpan> spans) {
    Map<String, Node> byId = new HashMap<String, Node>();
    List<Node> nodes = new ArrayList<Node>(spans.size());
    for (ViewSpan span : spans) {
      if (!byId.containsKey(span.spanId())) {
        Node node = new Node(span);
        byId.put(span.spanId(), node);
        nodes.add(node);
      }
    }
    List<Node> roots = new ArrayList<Node>();
    for (Node node : nodes) {
      Node parent = byId.get(node.span.parentSpanId());
      if (parent != null && parent != node) {
        parent.children.add(node);
      } else {
        roots.add(node);
      }
    }
    Collections.sort(roots, BY_START);
    List<Row> rows = new ArrayList<Row>(nodes.size());
    Set<Node> visited = new HashSet<Node>();
    for (Node root : roots) {
      visit(root, 0, visited, rows, true);
    }
    // Whatever no root reaches hangs in a cycle of parents: cut it into roots, earliest first.
    List<Node> unreached = new ArrayList<Node>();
    for (Node node : nodes) {
      if (!visited.contains(node)) {
        unreached.add(node);
      }
    }
    Collections.sort(unreached, BY_START);
    for (Node node : unreached) {
      if (!visited.contains(node)) {
        visit(node, 0, visited, rows, true);
      }
    }
    return new TraceTree(traceId, rows);
  }

  private static void visit(Node node, int depth, Set<Node> visited, List<Row> rows, boolean last) {
    // Depth first with an explicit stack: real traces are a few dozen levels deep, but a file
    // could nest thousands, which recursion would not survive.
    List<Object[]> stack = new ArrayList<Object[]>();
    stack.add(new Object[] {node, depth, last, ""});
    while (!stack.isEmpty()) {
      Object[] top = stack.remove(stack.size() - 1);
      Node current = (Node) top[0];
      if (!visited.add(current)) {
        continue;
      }
      int level = (Integer) top[1];
      boolean isLast = (Boolean) top[2];
      String guides = (String) top[3];
      boolean root = level == 0;
      rows.add(
          new Row(
              current.span,
              level,
              isLast,
              guides,
              root && !current.span.parentSpanId().isEmpty()));
      List<Node> children = new ArrayList<Node>();
      for (Node child : current.children) {
        if (!visited.contains(child)) {
          children.add(child);
        }
      }
      Collections.sort(children, BY_START);
      // Guides beyond MAX_GUIDES levels would only be cut off when drawn; capping them keeps a
      // hostile nesting of thousands of levels linear in memory.
      String childGuides =
          root ? "" : guides.length() >= MAX_GUIDES ? guides : guides + (isLast ? ' ' : '|');
      for (int i = children.size() - 1; i >= 0; i--) {
        stack.add(new Object[] {children.get(i), level + 1, i == children.size() - 1, childGuides});
      }
    }
  }

  public String traceId() {
    return traceId;
  }

  /** One row per span, in display order. */
  public List<Row> rows() {
    return rows;
  }

  public int spanCount() {
    return rows.size();
  }

  /** The earliest start of any span. */
  public long startNanos() {
    return startNanos;
  }

  /** The latest end of any span. */
  public long endNanos() {
    return endNanos;
  }

  public long durationNanos() {
    return endNanos - startNanos;
  }

  /** The services of the spans, in the order of the rows. */
  public List<String> services() {
    return services;
  }

  /** How many spans failed. */
  public int errorCount() {
    return errors;
  }

  private static final class Node {
    final ViewSpan span;
    final List<Node> children = new ArrayList<Node>(2);

    Node(ViewSpan span) {
      this.span = span;
    }
  }

  /** A span's place in the tree. Immutable. */
  public static final class Row {
    private final ViewSpan span;
    private final int depth;
    private final boolean lastChild;
    private final String guides;
    private final boolean continuesMissingParent;

    Row(ViewSpan span, int depth, boolean lastChild, String guides, boolean missingParent) {
      this.span = span;
      this.depth = depth;
      this.lastChild = lastChild;
      this.guides = guides;
      this.continuesMissingParent = missingParent;
    }

    public ViewSpan span() {
      return span;
    }

    /** 0 for a root, 1 for its children, ... */
    public int depth() {
      return depth;
    }

    /** Whether no later sibling follows (the tree's corner, not its tee). */
    public boolean isLastChild() {
      return lastChild;
    }

    /**
     * For each ancestor level between the root and this row's parent, {@code '|'} where that
     * ancestor has later siblings (a vertical guide runs through this row), else {@code ' '}.
     */
    public String guides() {
      return guides;
    }

    /**
     * Whether this root span has a parent that is not in the tree: a span of another process
     * (whose spans are not here), or one that was lost.
     */
    public boolean continuesMissingParent() {
      return continuesMissingParent;
    }
  }
}
