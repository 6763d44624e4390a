package io.cellbet.feed.api.uof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Sports API's fixture document: what is read, what is ignored, and what is refused. */
class FixtureParserTest {

    private final FixtureParser parser = new FixtureParser();

    @Test
    void readsSportCategoryTournamentCompetitorsAndTimes() throws Exception {
        Fixture fixture = parser.parse(resource("fixture.xml"));

        assertEquals("sr:match:123", fixture.eventId());
        assertEquals(Instant.parse("2026-11-28T10:00:00Z").toEpochMilli(), fixture.generatedAt());
        assertEquals(Instant.parse("2026-11-28T18:00:00Z").toEpochMilli(), fixture.startTime());
        assertFalse(fixture.startTimeTbd());
        assertNull(fixture.nextLiveTime());
        assertEquals("not_started", fixture.status());
        assertEquals(new Fixture.Named("sr:sport:1", "Soccer"), fixture.sport());
        assertEquals(1, fixture.sportNumber());
        assertEquals(new Fixture.Named("sr:category:1", "England"), fixture.category());
        assertEquals(new Fixture.Named("sr:tournament:17", "Premier League"), fixture.tournament());
        assertEquals(List.of(new Fixture.Competitor("sr:competitor:44", "Liverpool FC", "LIV", "home"),
                new Fixture.Competitor("sr:competitor:42", "Arsenal FC", "ARS", "away")), fixture.competitors());
    }

    @Test
    void takesTheScheduledTimeWhenThereIsNoStartTimeAndAcceptsAFixtureWithoutCompetitors() throws Exception {
        Fixture fixture = parser.parse(document("<fixture id=\"sr:stage:9\" scheduled=\"2026-12-01T12:30:00+01:00\">"
                + TOURNAMENT + "</fixture>"));

        assertEquals(Instant.parse("2026-12-01T11:30:00Z").toEpochMilli(), fixture.startTime());
        assertEquals(List.of(), fixture.competitors());
    }

    @Test
    void readsBackWhatTheWriterWrites() throws Exception {
        Fixture written = new Fixture("sr:match:7", Instant.parse("2026-11-28T10:00:00Z").toEpochMilli(),
                Instant.parse("2026-11-29T20:45:00Z").toEpochMilli(), true, null, "not_started",
                new Fixture.Named("sr:sport:5", "Tennis"), new Fixture.Named("sr:category:3", "ATP"),
                new Fixture.Named("sr:tournament:2555", "Wimbledon Men Singles"),
                List.of(new Fixture.Competitor("sr:competitor:225050", "Sinner, Jannik", "SIN", "home"),
                        new Fixture.Competitor("sr:competitor:407573", "Alcaraz, Carlos", null, "away")));

        assertEquals(written, parser.parse(new FixtureWriter().write(written)));
    }

    @Test
    void refusesADocumentWithoutAWellFormedEventId() {
        assertRefused("attribute id is missing", document("<fixture>" + TOURNAMENT + "</fixture>"));
        assertRefused("attribute id must be a URN", document("<fixture id=\"match 123\">" + TOURNAMENT
                + "</fixture>"));
    }

    @Test
    void refusesACompetitorWithoutAnIdOrNameOrWithAnUnknownQualifier() {
        assertRefused("attribute id must be a URN", fixtureWith("<competitor id=\"44\" name=\"Liverpool FC\"/>"));
        assertRefused("attribute name is missing", fixtureWith("<competitor id=\"sr:competitor:44\"/>"));
        assertRefused("qualifier must be home or away", fixtureWith(
                "<competitor id=\"sr:competitor:44\" name=\"Liverpool FC\" qualifier=\"visitor\"/>"));
    }

    @Test
    void refusesAMissingTournamentSportOrCategory() {
        assertRefused("element <tournament> is missing", document("<fixture id=\"sr:match:1\"/>"));
        assertRefused("element <category> is missing", document("<fixture id=\"sr:match:1\"><tournament "
                + "id=\"sr:tournament:17\" name=\"Premier League\"><sport id=\"sr:sport:1\" name=\"Soccer\"/>"
                + "</tournament></fixture>"));
        assertRefused("attribute name is missing", document("<fixture id=\"sr:match:1\"><tournament "
                + "id=\"sr:tournament:17\" name=\"Premier League\"><sport id=\"sr:sport:1\"/><category "
                + "id=\"sr:category:1\" name=\"England\"/></tournament></fixture>"));
    }

    @Test
    void refusesMalformedTimesAndFlags() {
        assertRefused("attribute generated_at is missing", ("<fixtures_fixture><fixture id=\"sr:match:1\">"
                + TOURNAMENT + "</fixture></fixtures_fixture>").getBytes(StandardCharsets.UTF_8));
        assertRefused("attribute start_time must be an ISO-8601 time", document("<fixture id=\"sr:match:1\" "
                + "start_time=\"tomorrow\">" + TOURNAMENT + "</fixture>"));
        assertRefused("attribute start_time_tbd must be true or false", document("<fixture id=\"sr:match:1\" "
                + "start_time_tbd=\"maybe\">" + TOURNAMENT + "</fixture>"));
    }

    @Test
    void refusesAnErrorResponseADtdBrokenXmlAndAnEmptyBody() {
        assertRefused("expected <fixtures_fixture>, was <response>", ("<response response_code=\"NOT_FOUND\">"
                + "<message>no such event</message></response>").getBytes(StandardCharsets.UTF_8));
        assertRefused("a DTD is not allowed", ("<?xml version=\"1.0\"?><!DOCTYPE fixtures_fixture [<!ENTITY x "
                + "\"boom\">]><fixtures_fixture generated_at=\"&x;\"/>").getBytes(StandardCharsets.UTF_8));
        assertRefused("not well-formed XML", "<fixtures_fixture generated_at=\"2026-11-28T10:00:00+00:00\">"
                .getBytes(StandardCharsets.UTF_8));
        assertRefused("empty fixture document", new byte[0]);
    }

    private static final String TOURNAMENT = "<tournament id=\"sr:tournament:17\" name=\"Premier League\">"
            + "<sport id=\"sr:sport:1\" name=\"Soccer\"/><category id=\"sr:category:1\" name=\"England\"/>"
            + "</tournament>";

    private static byte[] fixtureWith(String competitor) {
        return document("<fixture id=\"sr:match:1\">" + TOURNAMENT + "<competitors>" + competitor
                + "</competitors></fixture>");
    }

    private static byte[] document(String fixture) {
        return ("<fixtures_fixture generated_at=\"2026-11-28T10:00:00+00:00\">" + fixture + "</fixtures_fixture>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private void assertRefused(String reason, byte[] body) {
        FeedParseException refused = assertThrows(FeedParseException.class, () -> parser.parse(body));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FixtureParserTest.class.getResourceAsStream("/sports/" + name)) {
            return in.readAllBytes();
        }
    }
}
