package dev.weft.demo;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The tickets service: {@code GET /v1/tickets?project=<name>} answers the project's tickets as
 * CSV. It reads the tickets from its datastore, then their comment counts and assignees at the
 * same time on a small thread pool. Tickets of archived projects were moved out of the database
 * and their table dropped, so asking for one fails with the database's error: the demo's
 * intended failure.
 */
public final class TicketsService extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient Datastore tickets;
  private final transient ExecutorService lookups = Executors.newFixedThreadPool(2);

  TicketsService(Datastore tickets) {
    this.tickets = tickets;
  }

  public static void main(String[] args) throws Exception {
    Datastore tickets = Datastore.create("tickets");
    DemoServer.serve("/v1/tickets", new TicketsService(tickets));
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    final String project = request.getParameter("project");
    try {
      if (isArchived(project)) {
        DemoServer.reply(response, 200, "text/csv", archivedTickets(project));
        return;
      }
      Future<Map<Integer, String>> comments = lookups.submit(new Callable<Map<Integer, String>>() {
        @Override
        public Map<Integer, String> call() throws SQLException {
          return pairs("SELECT c.ticket, COUNT(*) FROM comment c JOIN ticket t ON t.id = c.ticket"
              + " WHERE t.project = ? GROUP BY c.ticket", project);
        }
      });
      Future<Map<Integer, String>> assignees = lookups.submit(new Callable<Map<Integer, String>>() {
        @Override
        public Map<Integer, String> call() throws SQLException {
          return pairs("SELECT t.id, p.name FROM ticket t JOIN person p ON p.id = t.assignee"
              + " WHERE t.project = ?", project);
        }
      });
      StringBuilder csv = new StringBuilder("id,title,status,comments,assignee\n");
      Map<Integer, String> commentCounts = comments.get(5, TimeUnit.SECONDS);
      Map<Integer, String> assigned = assignees.get(5, TimeUnit.SECONDS);
      for (String[] ticket : query("SELECT id, title, status FROM ticket WHERE project = ? ORDER BY id", project)) {
        int id = Integer.parseInt(ticket[0]);
        String count = commentCounts.containsKey(id) ? commentCounts.get(id) : "0";
        String assignee = assigned.containsKey(id) ? assigned.get(id) : "";
        csv.append(ticket[0]).append(",\"").append(ticket[1]).append("\",").append(ticket[2])
            .append(',').append(count).append(',').append(assignee).append('\n');
      }
      DemoServer.reply(response, 200, "text/csv", csv.toString());
    } catch (SQLException e) {
      DemoServer.reply(response, 500, "text/plain", "cannot read tickets: " + e.getMessage());
    } catch (ExecutionException | TimeoutException e) {
      DemoServer.reply(response, 500, "text/plain", "cannot read tickets: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      DemoServer.reply(response, 503, "text/plain", "shutting down");
    }
  }

  private boolean isArchived(String project) throws SQLException {
    for (String[] row : query("SELECT archived FROM project WHERE name = ?", project)) {
      return Boolean.parseBoolean(row[0]);
    }
    return false;
  }

  /**
   * A forgotten code path: the archive moved to cold storage and its table was dropped, so this
   * query fails, as the demo intends.
   */
  private String archivedTickets(String project) throws SQLException {
    try (Connection connection = tickets.connect(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT id, title, status FROM ticket_archive WHERE project = '"
            + project.replace("'", "''") + "'")) {
      StringBuilder csv = new StringBuilder("id,title,status\n");
      while (result.next()) {
        csv.append(result.getInt(1)).append(",\"").append(result.getString(2)).append("\",")
            .append(result.getString(3)).append('\n');
      }
      return csv.toString();
    }
  }

  private List<String[]> query(String sql, String parameter) throws SQLException {
    List<String[]> rows = new ArrayList<String[]>();
    try (Connection connection = tickets.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      try (ResultSet result = statement.executeQuery()) {
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
          String[] row = new String[columns];
          for (int i = 0; i < columns; i++) {
            row[i] = result.getString(i + 1);
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private Map<Integer, String> pairs(String sql, String parameter) throws SQLException {
    Map<Integer, String> pairs = new HashMap<Integer, String>();
    for (String[] row : query(sql, parameter)) {
      pairs.put(Integer.valueOf(row[0]), row[1]);
    }
    return pairs;
  }
}
