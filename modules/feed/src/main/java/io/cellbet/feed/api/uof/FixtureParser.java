package io.cellbet.feed.api.uof;

import io.cellbet.feed.api.uof.XmlTree.Element;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Sports API's fixture document ({@code <fixtures_fixture>}) with StAX, in the manner of
 * {@link FeedParser}: unknown attributes and elements are ignored, while every id must be a well-formed URN and
 * every name present, since a cell shows them to players. DTDs and external entities are refused. Thread-safe.
 */
public final class FixtureParser {

    private final XmlTree xml = new XmlTree("fixture document");

    public Fixture parse(byte[] body) throws FeedParseException {
        if (body == null || body.length == 0) {
            throw new FeedParseException("empty fixture document");
        }
        if (body.length > FeedParser.BODY_BYTES_MAX) {
            throw new FeedParseException("fixture document of " + body.length + " bytes exceeds "
                    + FeedParser.BODY_BYTES_MAX);
        }
        Element root = xml.read(body);
        if (!root.name.equals(Fixture.ROOT)) {
            throw new FeedParseException("expected <" + Fixture.ROOT + ">, was <" + root.name + ">");
        }
        Element fixture = required(root, "fixture");
        Element tournament = required(fixture, "tournament");
        Long start = fixture.optionalIsoTime("start_time");
        Long scheduled = fixture.optionalIsoTime("scheduled");
        Boolean tbd = fixture.optionalBoolean("start_time_tbd");
        List<Fixture.Competitor> competitors = new ArrayList<>();
        Element competitorsElement = fixture.child("competitors");
        if (competitorsElement != null) {
            for (Element competitor : competitorsElement.children("competitor")) {
                String qualifier = competitor.optional("qualifier").orElse(null);
                if (qualifier != null && !qualifier.equals("home") && !qualifier.equals("away")) {
                    throw new FeedParseException("<competitor> " + competitor.urn("id")
                            + ": qualifier must be home or away, was '" + qualifier + "'");
                }
                competitors.add(new Fixture.Competitor(competitor.urn("id"), competitor.required("name"),
                        competitor.optional("abbreviation").orElse(null), qualifier));
            }
        }
        return new Fixture(fixture.urn("id"), root.isoTime("generated_at"), start != null ? start : scheduled,
                Boolean.TRUE.equals(tbd), fixture.optionalIsoTime("next_live_time"),
                fixture.optional("status").orElse(null), named(required(tournament, "sport")),
                named(required(tournament, "category")), named(tournament), competitors);
    }

    private static Fixture.Named named(Element element) throws FeedParseException {
        return new Fixture.Named(element.urn("id"), element.required("name"));
    }

    private static Element required(Element parent, String name) throws FeedParseException {
        Element child = parent.child(name);
        if (child == null) {
            throw new FeedParseException("<" + parent.name + ">: element <" + name + "> is missing");
        }
        return child;
    }
}
