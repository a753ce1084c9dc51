package com.example.jaxrs;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;

/**
 * The JAX-RS ({@code javax.ws.rs}) resources of the in-memory RESTEasy test: class and method
 * paths, two parameters, a regular expression, and a sub-resource locator nested in another.
 * Outside {@code dev.weft}, like an application's code.
 */
public final class ShopResources {

  private ShopResources() {}

  @Path("users")
  public static final class Users {
    @GET
    public String list() {
      return "users";
    }

    @GET
    @Path("{id}")
    public String user(@PathParam("id") String id) {
      return "user " + id;
    }

    @GET
    @Path("{id}/orders/{orderId}")
    public String order(@PathParam("id") String id, @PathParam("orderId") String orderId) {
      return "order " + orderId;
    }
  }

  @Path("items")
  public static final class Items {
    @GET
    @Path("{sku: [A-Z]{3}-[0-9]+}")
    public String item(@PathParam("sku") String sku) {
      return "item " + sku;
    }
  }

  @Path("accounts")
  public static final class Accounts {
    @Path("{accountId}")
    public Account account(@PathParam("accountId") String accountId) {
      return new Account();
    }
  }

  /** Returned by a locator; itself holds a locator for cards. */
  public static final class Account {
    @GET
    @Path("balance")
    public String balance() {
      return "0";
    }

    @Path("cards/{cardId}")
    public Card card(@PathParam("cardId") String cardId) {
      return new Card();
    }
  }

  public static final class Card {
    @GET
    public String card() {
      return "card";
    }

    @GET
    @Path("limit")
    public String limit() {
      return "100";
    }
  }
}
