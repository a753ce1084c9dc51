package dev.weft.benchmarks.overheadapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The entry point of the application the overhead harness loads: Camunda Platform 7's process
 * engine and REST API, configured entirely by its Spring Boot starter and {@code
 * application.properties}. Nothing else of the application is written here, so what the harness
 * measures is what an agent costs a service someone else wrote.
 */
@SpringBootApplication
public class OverheadApp {

  public static void main(String[] args) {
    SpringApplication.run(OverheadApp.class, args);
  }
}
