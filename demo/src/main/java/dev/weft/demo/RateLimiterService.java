package dev.weft.demo;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The rate limiter: {@code GET /v1/allow?client=<id>} spends one request of the client's quota
 * in its datastore and answers 200, or 429 when the quota is spent.
 */
public final class RateLimiterService extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient Datastore quotas;

  RateLimiterService(Datastore quotas) {
    this.quotas = quotas;
  }

  public static void main(String[] args) throws Exception {
    Datastore quotas = Datastore.create("quotas");
    DemoServer.serve("/v1/allow", new RateLimiterService(quotas));
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String client = request.getParameter("client");
    try (Connection connection = quotas.connect();
        PreparedStatement spend = connection.prepareStatement(
            "UPDATE quota SET used = used + 1 WHERE client = ? AND used < allowed")) {
      spend.setString(1, client);
      if (spend.executeUpdate() == 1) {
        DemoServer.reply(response, 200, "text/plain", "allowed");
      } else {
        DemoServer.reply(response, 429, "text/plain", "quota spent for " + client);
      }
    } catch (SQLException e) {
      DemoServer.reply(response, 500, "text/plain", "quota store failed: " + e.getMessage());
    }
  }
}
