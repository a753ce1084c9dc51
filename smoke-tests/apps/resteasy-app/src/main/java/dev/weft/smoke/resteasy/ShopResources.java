package dev.weft.smoke.resteasy;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.IOException;
import java.util.Set;

/**
 * The JAX-RS resources of the smoke app, the same in every JAX-RS smoke app (Jersey 3, Jersey 2,
 * RESTEasy): see {@code smoke-tests/README.md}. Stateless and thread-safe.
 */
public final class ShopResources {

  /** Every resource and provider class of the application. */
  static final Set<Class<?>> CLASSES =
      Set.of(Users.class, Items.class, Accounts.class, Failures.class, ShopExceptionMapper.class);

  private ShopResources() {}

  /** {@code /users}: a list, a create, one user, and one order of a user (two parameters). */
  @Path("users")
  @Produces(MediaType.TEXT_PLAIN)
  public static final class Users {
    @GET
    public String list() {
      return "users";
    }

    @POST
    public Response create() {
      return Response.status(201).entity("created").build();
    }

    @GET
    @Path("{id}")
    public String user(@PathParam("id") String id) {
      return "user " + id;
    }

    @GET
    @Path("{id}/orders/{orderId}")
    public String order(@PathParam("id") String id, @PathParam("orderId") String orderId) {
      return "order " + orderId + " of user " + id;
    }
  }

  /** {@code /items/{sku}} where the sku must match a regular expression. */
  @Path("items")
  @Produces(MediaType.TEXT_PLAIN)
  public static final class Items {
    @GET
    @Path("{sku: [A-Z]{3}-[0-9]+}")
    public String item(@PathParam("sku") String sku) {
      return "item " + sku;
    }
  }

  /** {@code /accounts/{accountId}} is a sub-resource locator; the sub-resource serves balance. */
  @Path("accounts")
  public static final class Accounts {
    @Path("{accountId}")
    public Account account(@PathParam("accountId") String accountId) {
      return new Account(accountId);
    }
  }

  /** The sub-resource an {@link Accounts} locator returns: no {@code @Path} of its own. */
  @Produces(MediaType.TEXT_PLAIN)
  public static final class Account {
    private final String accountId;

    Account(String accountId) {
      this.accountId = accountId;
    }

    @GET
    @Path("balance")
    public String balance() {
      return "balance of " + accountId;
    }
  }

  /** {@code /failures/{kind}} always throws; {@link ShopExceptionMapper} answers 503. */
  @Path("failures")
  public static final class Failures {
    @GET
    @Path("{kind}")
    public String fail(@PathParam("kind") String kind) {
      throw new ShopException("failed " + kind);
    }
  }

  /** What {@link Failures} throws. */
  public static final class ShopException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ShopException(String message) {
      super(message);
    }
  }

  /** Maps {@link ShopException} to 503 {@code mapped: <message>}. */
  @jakarta.ws.rs.ext.Provider
  public static final class ShopExceptionMapper implements ExceptionMapper<ShopException> {
    @Override
    public Response toResponse(ShopException exception) {
      return Response.status(503)
          .type(MediaType.TEXT_PLAIN)
          .entity("mapped: " + exception.getMessage())
          .build();
    }
  }

  /** A plain servlet that forwards to {@code /api/users/7} in the same context. */
  static final class ForwardToApi extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp)
        throws ServletException, IOException {
      req.getRequestDispatcher("/api/users/7").forward(req, resp);
    }
  }
}
