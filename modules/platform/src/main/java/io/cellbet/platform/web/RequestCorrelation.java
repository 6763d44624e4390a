package io.cellbet.platform.web;

import jakarta.enterprise.context.RequestScoped;

/** The correlation id of the HTTP request being served; set by {@link CorrelationFilters}. */
@RequestScoped
public class RequestCorrelation {

    private String id;

    public String id() {
        return id;
    }

    void id(String id) {
        this.id = id;
    }
}
