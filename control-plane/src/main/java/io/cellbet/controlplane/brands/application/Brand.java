package io.cellbet.controlplane.brands.application;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.cellbet.contracts.config.BrandConfig;
import java.time.Instant;

/** A stored brand: its configuration and the config version of its latest change. */
public record Brand(@JsonUnwrapped BrandConfig config, long configVersion, Instant createdAt, Instant updatedAt) {
}
