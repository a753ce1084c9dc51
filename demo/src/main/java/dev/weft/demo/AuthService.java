package dev.weft.demo;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The auth service: {@code GET /v1/session} with {@code Authorization: Bearer <token>} looks the
 * session up in its datastore and answers the user's name, or 401.
 */
public final class AuthService extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient Datastore sessions;

  AuthService(Datastore sessions) {
    this.sessions = sessions;
  }

  public static void main(String[] args) throws Exception {
    Datastore sessions = Datastore.create("sessions");
    DemoServer.serve("/v1/session", new AuthService(sessions));
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String authorization = request.getHeader("Authorization");
    String token = authorization != null && authorization.startsWith("Bearer ")
        ? authorization.substring("Bearer ".length())
        : "";
    try (Connection connection = sessions.connect();
        PreparedStatement find =
            connection.prepareStatement("SELECT user_name FROM session WHERE token = ?")) {
      find.setString(1, token);
      try (ResultSet user = find.executeQuery()) {
        if (user.next()) {
          DemoServer.reply(response, 200, "text/plain", user.getString(1));
        } else {
          DemoServer.reply(response, 401, "text/plain", "unknown session");
        }
      }
    } catch (SQLException e) {
      DemoServer.reply(response, 500, "text/plain", "session store failed: " + e.getMessage());
    }
  }
}
