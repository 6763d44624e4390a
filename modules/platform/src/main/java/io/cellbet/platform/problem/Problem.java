package io.cellbet.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error answer of Cellbet's own APIs.
 *
 * @param type     URI naming the kind of problem; {@code https://cellbet.io/problems/<code>}
 * @param title    short, stable summary of the kind
 * @param status   the HTTP status
 * @param detail   what went wrong in this occurrence
 * @param code     the stable machine-readable code (the type's last segment)
 * @param errors   field-level errors, when the request body or parameters were invalid
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String code, List<FieldError> errors) {

    /** Media type of problem answers. */
    public static final String MEDIA_TYPE = "application/problem+json";

    static final String TYPE_BASE = "https://cellbet.io/problems/";

    /** One invalid field: its JSON path ({@code currencies[1]}, {@code theme.logoUrl}) and why. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String code, String title, String detail, List<FieldError> errors) {
        return new Problem(URI.create(TYPE_BASE + code), title, status, detail, code,
                errors == null ? List.of() : List.copyOf(errors));
    }
}
