package io.cellbet.platform.web;

import io.cellbet.platform.messaging.Correlation;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every API request a correlation id: the caller's {@code X-Correlation-Id} when it is
 * well-formed, else a new one; echoed in the response and stamped by the outbox on every
 * message the request causes.
 */
public class CorrelationFilters {

    private final RequestCorrelation correlation;

    public CorrelationFilters(RequestCorrelation correlation) {
        this.correlation = correlation;
    }

    @ServerRequestFilter
    public void accept(ContainerRequestContext request) {
        correlation.id(Correlation.acceptOrCreate(request.getHeaderString(Correlation.HEADER)));
    }

    @ServerResponseFilter
    public void echo(ContainerResponseContext response) {
        if (correlation.id() != null) {
            response.getHeaders().putSingle(Correlation.HEADER, correlation.id());
        }
    }
}
