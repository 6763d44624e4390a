package io.cellbet.feed.api.uof;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a fixture as the Sports API answers it ({@code <fixtures_fixture>}): what the provider simulator serves.
 * {@link FixtureParser} reads back exactly what this writes. Thread-safe.
 */
public final class FixtureWriter {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);

    private final XMLOutputFactory factory = XMLOutputFactory.newFactory();

    public byte[] write(Fixture fixture) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            XMLStreamWriter xml = factory.createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            xml.writeStartElement(Fixture.ROOT);
            xml.writeAttribute("generated_at", iso(fixture.generatedAt()));
            xml.writeStartElement("fixture");
            xml.writeAttribute("id", fixture.eventId());
            if (fixture.startTime() != null) {
                xml.writeAttribute("scheduled", iso(fixture.startTime()));
            }
            xml.writeAttribute("start_time_tbd", Boolean.toString(fixture.startTimeTbd()));
            if (fixture.startTime() != null) {
                xml.writeAttribute("start_time", iso(fixture.startTime()));
            }
            if (fixture.nextLiveTime() != null) {
                xml.writeAttribute("next_live_time", iso(fixture.nextLiveTime()));
            }
            if (fixture.status() != null) {
                xml.writeAttribute("status", fixture.status());
            }
            xml.writeStartElement("tournament");
            named(xml, fixture.tournament());
            xml.writeEmptyElement("sport");
            named(xml, fixture.sport());
            xml.writeEmptyElement("category");
            named(xml, fixture.category());
            xml.writeEndElement();
            xml.writeStartElement("competitors");
            for (Fixture.Competitor competitor : fixture.competitors()) {
                xml.writeEmptyElement("competitor");
                xml.writeAttribute("id", competitor.id());
                xml.writeAttribute("name", competitor.name());
                if (competitor.abbreviation() != null) {
                    xml.writeAttribute("abbreviation", competitor.abbreviation());
                }
                if (competitor.qualifier() != null) {
                    xml.writeAttribute("qualifier", competitor.qualifier());
                }
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the fixture of " + fixture.eventId(), e);
        }
        return out.toByteArray();
    }

    /** Epoch ms as the Sports API writes times: {@code 2026-11-28T18:00:00+00:00}. */
    public static String iso(long epochMs) {
        return ISO.format(Instant.ofEpochMilli(epochMs));
    }

    private static void named(XMLStreamWriter xml, Fixture.Named named) throws XMLStreamException {
        xml.writeAttribute("id", named.id());
        xml.writeAttribute("name", named.name());
    }
}
