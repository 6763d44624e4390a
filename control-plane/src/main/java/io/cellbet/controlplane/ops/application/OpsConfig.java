package io.cellbet.controlplane.ops.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Ops users and their tokens ({@code cellbet.control-plane.ops.*}). */
@ConfigMapping(prefix = "cellbet.control-plane.ops")
public interface OpsConfig {

    /**
     * The first admin's password. When set and no ops user exists yet, user {@code admin} is
     * created with it at start. Set it from the environment
     * ({@code CELLBET_CONTROL_PLANE_OPS_BOOTSTRAP_ADMIN_PASSWORD}), never in a file.
     */
    Optional<String> bootstrapAdminPassword();

    /**
     * Whether the console's changes (every POST, PUT and DELETE under {@code /api}, but ops login and
     * the brands' player routing) require an ops token. Off only in tests that are not about it.
     */
    @WithDefault("true")
    boolean authRequired();

    /** Lifetime of an ops token. */
    @WithDefault("1h")
    Duration tokenLifetime();
}
