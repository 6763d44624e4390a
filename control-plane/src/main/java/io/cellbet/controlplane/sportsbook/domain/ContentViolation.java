package io.cellbet.controlplane.sportsbook.domain;

/**
 * One rule a sportsbook content change breaks: the problem code ({@code invalid-event-id}), the
 * JSON path or parameter it is about ({@code disabledEvents[3]}, {@code sportId}) and why.
 */
public record ContentViolation(String code, String field, String message) {
}
