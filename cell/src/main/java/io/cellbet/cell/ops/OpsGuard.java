package io.cellbet.cell.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.cell.CellConfig;
import io.cellbet.cell.config.application.ConfigReplica;
import io.cellbet.cell.config.application.ConfigVersionAnnounced;
import io.cellbet.contracts.config.ConfigKinds;
import io.cellbet.contracts.config.OpsKey;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemMappers;
import io.cellbet.platform.security.Bearer;
import io.cellbet.platform.security.OpsTokenVerifier;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The cell's ops endpoints, {@code /api/wallet/...}, {@code /api/accounts/...} and {@code /api/bets/...}, answer only
 * requests with an ops token of the control plane ({@code POST /api/ops/login} there) granting
 * role {@code ops}. The token is verified here with the control plane's public key, which reaches
 * the cell as replicated config ({@code ops-key}), so it works while the control plane is down.
 * Players' own endpoints ({@code /api/brands/{brand}/...}) take players' tokens instead.
 */
@ApplicationScoped
public class OpsGuard {

    private static final Logger LOG = Logger.getLogger(OpsGuard.class);
    private static final String[] GUARDED = {"/api/wallet", "/api/accounts", "/api/bets"};

    private final Instance<ConfigReplica> replica;
    private final ObjectMapper json;
    private final boolean required;
    private volatile Optional<OpsTokenVerifier> verifier = Optional.empty();

    public OpsGuard(Instance<ConfigReplica> replica, ObjectMapper json, CellConfig config) {
        this.replica = replica;
        this.json = json;
        this.required = config.opsAuthRequired();
    }

    void onStart(@Observes StartupEvent event) {
        refresh();
    }

    void versionAnnounced(@Observes ConfigVersionAnnounced announced) {
        refresh();
    }

    private void refresh() {
        Optional<String> value = replica.get().find(ConfigKinds.OPS_KEY, OpsKey.CURRENT)
                .map(ConfigReplica.VersionedValue::json);
        if (value.isEmpty()) {
            return;
        }
        try {
            OpsKey key = json.readValue(value.get(), OpsKey.class);
            if (verifier.map(current -> !current.keyId().equals(key.keyId())).orElse(true)) {
                verifier = Optional.of(OpsTokenVerifier.of(key.keyId(), key.publicKey(), key.issuer(),
                        OpsKey.AUDIENCE));
                LOG.infof("ops tokens are verified with control-plane key %s", key.keyId());
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warnf("the replicated ops key is unreadable (%s); ops tokens keep the previous key", e.getMessage());
        }
    }

    @ServerRequestFilter
    public Optional<Response> guard(ContainerRequestContext request) {
        if (!required || !guarded(request.getUriInfo().getPath())) {
            return Optional.empty();
        }
        Optional<String> token = Bearer.token(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token.isEmpty()) {
            return Optional.of(Response.fromResponse(ProblemMappers.answer(Problem.of(401, "OPS_TOKEN_REQUIRED",
                    "Ops token required", "Ops endpoints need 'Authorization: Bearer <ops token>' from the control "
                            + "plane's POST /api/ops/login.", null))).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .build());
        }
        Optional<OpsTokenVerifier.OpsUser> user = verifier.flatMap(current -> current.verify(token.get()));
        if (user.isEmpty()) {
            return Optional.of(Response.fromResponse(ProblemMappers.answer(Problem.of(401, "INVALID_OPS_TOKEN",
                    "Invalid ops token", "The token is malformed, expired, or not signed by the control plane.",
                    null))).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"").build());
        }
        if (!user.get().has(OpsKey.ROLE_OPS)) {
            return Optional.of(ProblemMappers.answer(Problem.of(403, "OPS_ROLE_REQUIRED", "Ops role required",
                    "The token does not grant role ops.", null)));
        }
        return Optional.empty();
    }

    private static boolean guarded(String path) {
        for (String prefix : GUARDED) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
