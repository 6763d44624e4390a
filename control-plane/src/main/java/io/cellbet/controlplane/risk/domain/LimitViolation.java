package io.cellbet.controlplane.risk.domain;

/**
 * One rule a change of a brand's bet limits breaks: the problem code ({@code invalid-amount}), the JSON
 * path it is about ({@code sports.1.maxStakeMinor}) and why.
 */
public record LimitViolation(String code, String field, String message) {
}
