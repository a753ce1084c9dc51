package dev.weft.smoke.springboot27;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A handler that always throws into the application's {@code @RestControllerAdvice} (503). */
@RestController
public class VetController {

  @GetMapping("/vets/{vetId}/schedule")
  String schedule(@PathVariable("vetId") String vetId) {
    throw new ScheduleUnavailableException(vetId);
  }

  /** Thrown for every vet's schedule. */
  static final class ScheduleUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ScheduleUnavailableException(String vetId) {
      super("schedule of vet " + vetId + " unavailable");
    }
  }

  /** The application-wide handler: answers 503 with the message. */
  @RestControllerAdvice
  static class ScheduleAdvice {

    @ExceptionHandler(ScheduleUnavailableException.class)
    ResponseEntity<String> unavailable(ScheduleUnavailableException e) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .contentType(MediaType.TEXT_PLAIN)
          .body(e.getMessage());
    }
  }
}
