package io.cellbet.controlplane.ops.rest;

import io.cellbet.contracts.config.OpsKey;
import io.cellbet.controlplane.ops.application.OpsConfig;
import io.cellbet.platform.problem.ProblemException;
import io.cellbet.platform.problem.ProblemMappers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every change made through the control plane's API (a POST, PUT or DELETE under {@code /api})
 * needs an ops token with role {@code ops}, but logging in and the brands' routing of new
 * players. Reads stay open: the cells fetch config snapshots and the directory serves brands'
 * entry points. Endpoints that read players' data check the token themselves.
 */
@ApplicationScoped
public class ConsoleGuard {

    private static final Set<String> CHANGES = Set.of("POST", "PUT", "DELETE", "PATCH");
    private static final Set<String> OPEN = Set.of("/api/ops/login", "/api/players/route");

    private final OpsAccess access;
    private final boolean required;

    public ConsoleGuard(OpsAccess access, OpsConfig config) {
        this.access = access;
        this.required = config.authRequired();
    }

    @ServerRequestFilter
    public Optional<Response> guard(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!required || !CHANGES.contains(request.getMethod()) || !path.startsWith("/api/") || OPEN.contains(path)) {
            return Optional.empty();
        }
        try {
            access.require(request.getHeaderString(HttpHeaders.AUTHORIZATION), OpsKey.ROLE_OPS);
            return Optional.empty();
        } catch (ProblemException refused) {
            return Optional.of(new ProblemMappers().problem(refused));
        }
    }
}
