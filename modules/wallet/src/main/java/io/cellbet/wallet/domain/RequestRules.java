package io.cellbet.wallet.domain;

import io.cellbet.platform.money.Money;
import io.cellbet.wallet.api.ReserveRequest;
import io.cellbet.wallet.api.TransferLeg;
import io.cellbet.wallet.api.TransferRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a well-formed wallet request is, and the hash that identifies its content under its
 * idempotency key. Checked before a request reaches the ledger writer, so the writer only
 * refuses what depends on the ledger's state.
 */
public final class RequestRules {

    /** A field that breaks a rule, by its path in the request ({@code transfers[1].amountMinor}). */
    public record Violation(String field, String message) {
    }

    public static final int KEY_LENGTH_MAX = 128;
    public static final int TEXT_LENGTH_MAX = 128;
    public static final int METADATA_ENTRIES_MAX = 16;
    /** Metadata values may carry a sentence, such as the reason of a manual adjustment. */
    public static final int METADATA_VALUE_LENGTH_MAX = 500;
    /** Ten trillion minor units: far above any real movement, far below overflow. */
    public static final long AMOUNT_MINOR_MAX = 10_000_000_000_000L;
    public static final Duration HOLD_MAX = Duration.ofDays(30);

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]+");

    private RequestRules() {
    }

    public static List<Violation> check(TransferRequest request) {
        List<Violation> violations = new ArrayList<>();
        checkKey(request.idempotencyKey(), violations);
        if (request.legs().isEmpty() || request.legs().size() > TransferRequest.LEGS_MAX) {
            violations.add(new Violation("transfers", "must hold 1 to " + TransferRequest.LEGS_MAX + " transfers"));
        }
        for (int i = 0; i < Math.min(request.legs().size(), TransferRequest.LEGS_MAX); i++) {
            checkLeg(request.legs().get(i), "transfers[" + i + "].", violations);
        }
        return violations;
    }

    public static List<Violation> check(ReserveRequest request) {
        List<Violation> violations = new ArrayList<>();
        checkKey(request.idempotencyKey(), violations);
        if (request.leg() == null) {
            violations.add(new Violation("transfer", "is required"));
        } else {
            checkLeg(request.leg(), "", violations);
        }
        if (request.holdFor() == null || request.holdFor().isNegative() || request.holdFor().isZero()
                || request.holdFor().compareTo(HOLD_MAX) > 0) {
            violations.add(new Violation("holdSeconds", "must be from 1 second to " + HOLD_MAX.toDays() + " days"));
        }
        return violations;
    }

    /** SHA-256 of the request's content: everything but the key. */
    public static byte[] hash(TransferRequest request) {
        StringBuilder canonical = new StringBuilder("transfer");
        request.legs().forEach(leg -> appendLeg(canonical, leg));
        return sha256(canonical);
    }

    public static byte[] hash(ReserveRequest request) {
        StringBuilder canonical = new StringBuilder("reserve");
        appendLeg(canonical, request.leg());
        canonical.append('|').append(request.holdFor().toMillis());
        return sha256(canonical);
    }

    private static void checkKey(String key, List<Violation> violations) {
        if (key == null || key.isEmpty() || key.length() > KEY_LENGTH_MAX || !KEY.matcher(key).matches()) {
            violations.add(new Violation("idempotencyKey",
                    "must be 1 to " + KEY_LENGTH_MAX + " printable characters without spaces"));
        }
    }

    private static void checkLeg(TransferLeg leg, String prefix, List<Violation> violations) {
        if (leg.debitAccountId() <= 0) {
            violations.add(new Violation(prefix + "debitAccountId", "must be an account id"));
        }
        if (leg.creditAccountId() <= 0) {
            violations.add(new Violation(prefix + "creditAccountId", "must be an account id"));
        }
        if (leg.debitAccountId() == leg.creditAccountId() && leg.debitAccountId() > 0) {
            violations.add(new Violation(prefix + "creditAccountId", "must differ from the debit account"));
        }
        if (leg.amountMinor() <= 0 || leg.amountMinor() > AMOUNT_MINOR_MAX) {
            violations.add(new Violation(prefix + "amountMinor", "must be a whole number of minor units from 1 to "
                    + AMOUNT_MINOR_MAX));
        }
        if (!Money.isCurrencyCode(leg.currency())) {
            violations.add(new Violation(prefix + "currency", "must be an ISO 4217 code such as EUR"));
        }
        checkText(leg.type(), true, prefix + "type", violations);
        checkText(leg.reference(), false, prefix + "reference", violations);
        if (leg.metadata().size() > METADATA_ENTRIES_MAX) {
            violations.add(new Violation(prefix + "metadata", "must hold at most " + METADATA_ENTRIES_MAX + " entries"));
        }
        leg.metadata().forEach((name, value) -> {
            checkText(name, true, prefix + "metadata", violations);
            if (value == null || value.isBlank() || value.length() > METADATA_VALUE_LENGTH_MAX) {
                violations.add(new Violation(prefix + "metadata." + name,
                        "must be 1 to " + METADATA_VALUE_LENGTH_MAX + " characters"));
            }
        });
    }

    private static void checkText(String text, boolean required, String field, List<Violation> violations) {
        if (text == null) {
            if (required) {
                violations.add(new Violation(field, "is required"));
            }
            return;
        }
        if (text.isBlank() || text.length() > TEXT_LENGTH_MAX) {
            violations.add(new Violation(field, "must be 1 to " + TEXT_LENGTH_MAX + " characters"));
        }
    }

    private static void appendLeg(StringBuilder canonical, TransferLeg leg) {
        canonical.append('|').append(leg.debitAccountId()).append('|').append(leg.creditAccountId())
                .append('|').append(leg.amountMinor()).append('|').append(leg.currency())
                .append('|').append(escape(leg.type())).append('|').append(escape(leg.reference()));
        for (Map.Entry<String, String> entry : new TreeMap<>(leg.metadata()).entrySet()) {
            canonical.append('|').append(escape(entry.getKey())).append('=').append(escape(entry.getValue()));
        }
    }

    private static String escape(String text) {
        // Length-prefixed so that no two different field splits give the same canonical text.
        return text == null ? "-" : text.length() + ":" + text;
    }

    private static byte[] sha256(CharSequence canonical) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
