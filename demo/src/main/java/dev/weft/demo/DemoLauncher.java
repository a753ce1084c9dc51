package dev.weft.demo;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo ({@code ./demo.sh}): starts the four services, each in its own JVM with the agent
 * and its file exporter, sends a few requests to the edge, stops the services (each agent writes
 * its last spans as its JVM exits) and shows every trace with {@code weft-agent.jar view}: the
 * waterfall in the terminal and the path of the HTML page.
 *
 * <p>{@code java -jar weft-demo.jar --agent weft-agent.jar [--out DIR]}. The services' output
 * goes to {@code DIR/logs}, their spans to {@code DIR/spans}, the page to {@code
 * DIR/weft-traces.html}. This launcher itself runs without the agent, as the users' browsers
 * would: the edge's spans are the roots of the traces.
 */
public final class DemoLauncher {

  private static final long START_TIMEOUT_MILLIS = 60_000;
  private static final long STOP_TIMEOUT_SECONDS = 20;
  private static final Pattern LISTENING = Pattern.compile("(?m)^LISTENING (\\d+)\\s*$");

  private final File agent;
  private final File out;
  private final List<Service> started = new ArrayList<Service>();

  private DemoLauncher(File agent, File out) {
    this.agent = agent;
    this.out = out;
  }

  /** One service's JVM. */
  private static final class Service {
    final String name;
    final Process process;
    final File log;
    int port;

    Service(String name, Process process, File log) {
      this.name = name;
      this.process = process;
      this.log = log;
    }

    String url() {
      return "http://127.0.0.1:" + port;
    }
  }

  public static void main(String[] args) throws Exception {
    File agent = null;
    File out = new File("target/demo");
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (args[i].equals("--agent")) {
        agent = new File(args[i + 1]);
      } else if (args[i].equals("--out")) {
        out = new File(args[i + 1]);
      }
    }
    if (agent == null || !agent.isFile()) {
      System.err.println("usage: java -jar weft-demo.jar --agent weft-agent.jar [--out DIR]"
          + (agent == null ? "" : "\nno agent jar at " + agent));
      System.exit(2);
    }
    System.exit(new DemoLauncher(agent.getAbsoluteFile(), out.getAbsoluteFile()).run());
  }

  private int run() throws Exception {
    File spans = new File(out, "spans");
    File logs = new File(out, "logs");
    clean(spans);
    clean(logs);
    Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
      @Override
      public void run() {
        for (Service service : started) {
          service.process.destroy();
        }
      }
    }));

    System.out.println("Four services, each in its own JVM with -javaagent:" + agent.getName()
        + ", none of them knowing of tracing.");
    Service tickets = start("tickets", TicketsService.class);
    Service auth = start("auth", AuthService.class);
    Service rateLimiter = start("rate-limiter", RateLimiterService.class);
    for (Service service : Arrays.asList(tickets, auth, rateLimiter)) {
      awaitPort(service);
    }
    Service edge = start("edge", EdgeService.class, rateLimiter.url(), auth.url(), tickets.url());
    awaitPort(edge);
    System.out.println("  edge          " + edge.url() + "  /api/v2/tickets/export");
    System.out.println("  rate-limiter  " + rateLimiter.url() + "  /v1/allow    (quotas in H2, over JDBC)");
    System.out.println("  auth          " + auth.url() + "  /v1/session  (sessions in H2, over JDBC)");
    System.out.println("  tickets       " + tickets.url() + "  /v1/tickets  (tickets in H2, two lookups on a thread pool)");
    System.out.println("Their output is in " + logs + ", their spans in " + spans + ".");
    System.out.println();

    System.out.println("Requests to the edge:");
    export(edge, "alice", "web-app", "checkout", null);
    export(edge, "bob", "partner-batch", "payments", null);
    export(edge, "alice", "web-app", "legacy-billing",
        "the intended failure: the tickets service still reads a table that was dropped");
    System.out.println();

    System.out.println("Stopping the services; each agent writes its last spans as its JVM exits.");
    for (Service service : started) {
      service.process.destroy();
    }
    for (Service service : started) {
      if (!service.process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        System.out.println("  " + service.name + " did not stop within " + STOP_TIMEOUT_SECONDS + " s; killed");
        service.process.destroyForcibly();
      }
    }
    System.out.println();
    System.out.println("Every trace, merged from the four services' span files by trace id"
        + " (java -jar " + agent.getName() + " view " + spans + File.separator + "*.jsonl):");
    System.out.println();
    List<String> view = new ArrayList<String>(Arrays.asList(
        java(), "-jar", agent.getPath(), "view", "--html", new File(out, "weft-traces.html").getPath()));
    for (Service service : started) {
      view.add(spanFile(service.name).getPath());
    }
    return new ProcessBuilder(view).inheritIO().start().waitFor();
  }

  private Service start(String name, Class<?> main, String... args) throws IOException {
    File log = new File(new File(out, "logs"), name + ".log");
    List<String> command = new ArrayList<String>(Arrays.asList(
        java(),
        "-javaagent:" + agent.getPath(),
        "-Dotel.service.name=" + name,
        "-Dotel.traces.exporter=file",
        "-Dweft.exporter.file.path=" + spanFile(name).getPath(),
        "-Dorg.eclipse.jetty.LEVEL=WARN",
        "-cp", ownJar(),
        main.getName()));
    command.addAll(Arrays.asList(args));
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log)
        .start();
    Service service = new Service(name, process, log);
    started.add(service);
    return service;
  }

  private void awaitPort(Service service) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (true) {
      String text = new String(Files.readAllBytes(service.log.toPath()), StandardCharsets.UTF_8);
      Matcher listening = LISTENING.matcher(text);
      if (listening.find()) {
        service.port = Integer.parseInt(listening.group(1));
        return;
      }
      if (!service.process.isAlive() || System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("the " + service.name + " service did not start; its output, "
            + service.log + ":\n" + text);
      }
      Thread.sleep(50);
    }
  }

  private static void export(Service edge, String user, String client, String project, String intended)
      throws IOException {
    String path = "/api/v2/tickets/export?project=" + project;
    DemoServer.Answer answer = DemoServer.getAs(edge.url() + path, "Bearer tok-" + user, client);
    String said = answer.status == 200
        ? (answer.body.split("\n").length - 1) + " tickets"
        : firstClause(answer.body);
    String line = String.format("  %-5s GET %-46s -> %d (%s)", user, path, answer.status, said);
    System.out.println(intended == null ? line : line + "\n        ^ " + intended);
  }

  /** "the tickets service failed" of "the tickets service failed: cannot read...". */
  private static String firstClause(String body) {
    String text = body.trim();
    int end = text.indexOf(':');
    int lineEnd = text.indexOf('\n');
    if (lineEnd >= 0 && (end < 0 || lineEnd < end)) {
      end = lineEnd;
    }
    return end < 0 ? text : text.substring(0, end);
  }

  private File spanFile(String service) {
    return new File(new File(out, "spans"), service + ".jsonl");
  }

  private static String java() {
    return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
  }

  private static String ownJar() {
    try {
      return new File(DemoLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void clean(File dir) throws IOException {
    File[] files = dir.listFiles();
    if (files != null) {
      for (File file : files) {
        Files.delete(file.toPath());
      }
    }
    Files.createDirectories(dir.toPath());
  }
}
