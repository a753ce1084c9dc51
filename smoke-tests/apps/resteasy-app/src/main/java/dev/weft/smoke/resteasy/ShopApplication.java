package dev.weft.smoke.resteasy;

import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The JAX-RS application RESTEasy's servlet deploys: the classes of {@link ShopResources}. */
public final class ShopApplication extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return ShopResources.CLASSES;
  }
}
