package dev.weft.smoke.springboot3;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Owners, mapped on the class and the methods, as a typical Spring MVC application does: the
 * route-naming smoke tests read the server spans of these requests.
 */
@RestController
@RequestMapping(path = "/owners", produces = MediaType.TEXT_PLAIN_VALUE)
public class OwnerController {

  @GetMapping("/{ownerId}")
  String owner(@PathVariable("ownerId") String ownerId) {
    return "owner " + ownerId;
  }

  @GetMapping("/{ownerId}/pets/{petId}")
  String pet(@PathVariable("ownerId") String ownerId, @PathVariable("petId") String petId) {
    return "owner " + ownerId + " pet " + petId;
  }

  @PostMapping
  ResponseEntity<String> create() {
    return ResponseEntity.status(HttpStatus.CREATED).body("owner created");
  }

  /** Always throws; the controller's own exception handler answers 404. */
  @GetMapping("/{ownerId}/visits")
  String visits(@PathVariable("ownerId") String ownerId) {
    throw new OwnerNotFoundException(ownerId);
  }

  @ExceptionHandler(OwnerNotFoundException.class)
  ResponseEntity<String> ownerNotFound(OwnerNotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .contentType(MediaType.TEXT_PLAIN)
        .body(e.getMessage());
  }

  /** Thrown for every owner's visits. */
  static final class OwnerNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OwnerNotFoundException(String ownerId) {
      super("no owner " + ownerId);
    }
  }
}
