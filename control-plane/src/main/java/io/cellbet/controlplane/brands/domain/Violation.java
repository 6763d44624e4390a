package io.cellbet.controlplane.brands.domain;

/** One rule a brand breaks: the JSON path of the field ({@code currencies[1]}) and why. */
public record Violation(String field, String message) {
}
