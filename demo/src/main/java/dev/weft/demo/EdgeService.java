package dev.weft.demo;

import java.io.IOException;
import java.net.URLEncoder;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The edge API: {@code GET /api/v2/tickets/export?project=<name>} first asks the rate limiter
 * whether the calling client ({@code X-Client-Id}) may go on, then has the auth service resolve
 * the user's session ({@code Authorization}), then fetches the project's tickets from the
 * tickets service and answers them as CSV. A failure downstream is answered 502.
 *
 * <p>The three services' base URLs are its arguments: rate limiter, auth, tickets.
 */
public final class EdgeService extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final String rateLimiter;
  private final String auth;
  private final String tickets;

  EdgeService(String rateLimiter, String auth, String tickets) {
    this.rateLimiter = rateLimiter;
    this.auth = auth;
    this.tickets = tickets;
  }

  public static void main(String[] args) throws Exception {
    DemoServer.serve("/api/v2/tickets/export", new EdgeService(args[0], args[1], args[2]));
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String client = request.getHeader("X-Client-Id") == null ? "anonymous" : request.getHeader("X-Client-Id");
    DemoServer.Answer allowed = DemoServer.get(rateLimiter + "/v1/allow?client=" + encode(client), null);
    if (allowed.status != 200) {
      DemoServer.reply(response, allowed.status == 429 ? 429 : 502, "text/plain", allowed.body);
      return;
    }
    DemoServer.Answer user = DemoServer.get(auth + "/v1/session", request.getHeader("Authorization"));
    if (user.status != 200) {
      DemoServer.reply(response, user.status == 401 ? 401 : 502, "text/plain", user.body);
      return;
    }
    String project = request.getParameter("project") == null ? "" : request.getParameter("project");
    DemoServer.Answer export = DemoServer.get(
        tickets + "/v1/tickets?project=" + encode(project) + "&user=" + encode(user.body), null);
    if (export.status != 200) {
      DemoServer.reply(response, 502, "text/plain", "the tickets service failed: " + export.body);
      return;
    }
    DemoServer.reply(response, 200, "text/csv", export.body);
  }

  private static String encode(String value) throws IOException {
    return URLEncoder.encode(value, "UTF-8");
  }
}
