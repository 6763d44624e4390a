package io.cellbet.wallet.rest;

import io.cellbet.platform.problem.ProblemException;
import io.cellbet.wallet.api.AuditReport;
import io.cellbet.wallet.application.Auditor;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The ledger auditor for ops: {@code /api/wallet/audit}. */
@Path("/api/wallet/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Wallet")
public class AuditResource {

    private final Auditor auditor;

    public AuditResource(Auditor auditor) {
        this.auditor = auditor;
    }

    @POST
    @Operation(summary = "Audit the cell's ledger now (all invariants over one snapshot)")
    @APIResponse(responseCode = "200", description = "The report; passed=false lists the findings")
    public AuditReport audit() {
        return auditor.audit();
    }

    @GET
    @Operation(summary = "The last audit's report")
    @APIResponse(responseCode = "404", description = "NO_AUDIT_YET")
    public AuditReport last() {
        return auditor.lastReport().orElseThrow(() -> ProblemException.notFound("NO_AUDIT_YET",
                "The ledger has not been audited yet; POST to run an audit."));
    }
}
