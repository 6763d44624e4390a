package io.cellbet.sportsbook.rest;

import io.cellbet.platform.id.BrandCode;
import io.cellbet.platform.problem.Problem;
import io.cellbet.platform.problem.ProblemException;
import io.cellbet.platform.problem.QueryParameters;
import io.cellbet.sportsbook.api.EventSummary;
import io.cellbet.sportsbook.api.EventView;
import io.cellbet.sportsbook.api.PlayerOffer;
import io.cellbet.sportsbook.api.SportNode;
import io.cellbet.sportsbook.catalog.BettingOffer;
import io.cellbet.sportsbook.live.BrandViews;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The sportsbook as players browse it: the sports tree, lists of events, one event with its markets. With
 * {@code brand}, the brand's view: what it disabled is hidden, its margins priced in, its featured events first.
 */
@Path("/api/sportsbook")
@Produces(MediaType.APPLICATION_JSON)
public class SportsbookResource {

    /** Most events one page lists. */
    public static final int PAGE_MAX = 100;
    static final Pattern EVENT_ID = Pattern.compile("[a-z]+:[a-z_]+:[0-9]{1,18}");

    private final BettingOffer offer;
    private final BrandViews views;
    private final PlayerOffer playerOffer;

    public SportsbookResource(BettingOffer offer, BrandViews views, PlayerOffer playerOffer) {
        this.offer = offer;
        this.views = views;
        this.playerOffer = playerOffer;
    }

    /** Sports with their categories and tournaments, counting open events and live ones. */
    @GET
    @Path("/sports")
    public List<SportNode> sports(@QueryParam("brand") String brand) {
        return playerOffer.sports(view(brand));
    }

    /**
     * Open events, featured first, then by start time: of one sport, starting on one day (UTC), live or not live,
     * a page at a time ({@code offset}, {@code limit} up to {@value #PAGE_MAX}).
     */
    @GET
    @Path("/events")
    public EventPage events(@QueryParam("brand") String brand, @QueryParam("sport") String sport,
            @QueryParam("date") String date, @QueryParam("live") String live, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit) {
        Integer sportId = sport == null ? null : QueryParameters.count("sport", sport, 0, 1, 100_000);
        LocalDate day = date(date);
        Boolean liveOnly = live(live);
        int from = QueryParameters.count("offset", offset, 0, 0, 1_000_000);
        int size = QueryParameters.count("limit", limit, 50, 1, PAGE_MAX);
        BrandViews.View view = view(brand);
        long dayStart = day == null ? 0 : day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long dayEnd = day == null ? 0 : day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        List<EventSummary> featured = new ArrayList<>();
        List<EventSummary> others = new ArrayList<>();
        for (EventSummary event : offer.openEvents()) {
            if (!view.shows(event) || sportId != null && event.sportId() != sportId
                    || liveOnly != null && event.live() != liveOnly
                    || day != null && (event.startTime() == null || event.startTime() < dayStart
                            || event.startTime() >= dayEnd)) {
                continue;
            }
            EventSummary shown = view.summary(event);
            (shown.featured() ? featured : others).add(shown);
        }
        featured.addAll(others);
        int end = Math.min(featured.size(), from + size);
        List<EventSummary> page = from >= featured.size() ? List.of() : featured.subList(from, end);
        return new EventPage(page, featured.size(), from, size, end < featured.size() ? end : null);
    }

    /** One event with its open markets; 404 when the cell does not know it or the brand hides it. */
    @GET
    @Path("/events/{eventId}")
    public EventView event(@PathParam("eventId") String eventId, @QueryParam("brand") String brand) {
        if (!EVENT_ID.matcher(eventId).matches()) {
            throw ProblemException.badRequest("invalid-event-id", "Not an event id.", List.of(
                    new Problem.FieldError("eventId", "must be a provider URN such as sr:match:12345")));
        }
        BrandViews.View view = view(brand);
        EventView event = offer.event(eventId).map(view::event).orElse(null);
        if (event == null) {
            throw ProblemException.notFound("unknown-event", "No event " + eventId + " is offered.");
        }
        return event;
    }

    private BrandViews.View view(String brand) {
        if (brand == null) {
            return views.raw();
        }
        if (!BrandCode.isValid(brand)) {
            throw ProblemException.badRequest("invalid-parameter", "Query parameter brand is invalid.", List.of(
                    new Problem.FieldError("brand", "must match " + BrandCode.FORMAT.pattern())));
        }
        return views.of(brand).orElseThrow(() -> ProblemException.notFound("unknown-brand",
                "No brand " + brand + " in this cell."));
    }

    private static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-parameter", "Query parameter date is invalid.", List.of(
                    new Problem.FieldError("date", "must be a day as yyyy-MM-dd")));
        }
    }

    private static Boolean live(String text) {
        if (text == null) {
            return null;
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        throw ProblemException.badRequest("invalid-parameter", "Query parameter live is invalid.", List.of(
                new Problem.FieldError("live", "must be true or false")));
    }

    /** A page of events; {@code nextOffset} is null on the last page. */
    public record EventPage(List<EventSummary> events, int total, int offset, int limit, Integer nextOffset) {
    }
}
