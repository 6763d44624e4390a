package io.cellbet.feed.api.uof;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The provider's XML documents (feed messages, Sports API answers) read with StAX into a small element tree of
 * attributes and child elements, with typed, strict attribute access. DTDs and external entities are refused.
 * Thread-safe.
 */
final class XmlTree {

    /** A provider URN: {@code prefix:type:number}, such as {@code sr:match:123} or {@code sr:competitor:44}. */
    private static final Pattern URN = Pattern.compile("[a-z0-9]+:[a-z_]+:[0-9]{1,18}");

    private final XMLInputFactory factory;
    /** What a document is called in errors: "feed message", "fixture document". */
    private final String what;

    XmlTree(String what) {
        this.what = what;
        factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    static boolean isUrn(String value) {
        return value != null && URN.matcher(value).matches();
    }

    /** Reads the body into a small element tree: attributes and child elements; text is not part of the protocol. */
    Element read(byte[] body) throws FeedParseException {
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(body));
            Element root = null;
            List<Element> open = new ArrayList<>();
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    Element element = new Element(reader.getLocalName());
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        element.attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                    }
                    if (open.isEmpty()) {
                        root = element;
                    } else {
                        open.get(open.size() - 1).children.add(element);
                    }
                    open.add(element);
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    open.remove(open.size() - 1);
                } else if (event == XMLStreamConstants.DTD) {
                    throw new FeedParseException("a DTD is not allowed in a " + what);
                }
            }
            if (root == null) {
                throw new FeedParseException("no root element");
            }
            return root;
        } catch (XMLStreamException | RuntimeException e) {
            throw new FeedParseException("not well-formed XML: " + e.getMessage(), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // Nothing is held open for a byte array.
                }
            }
        }
    }

    /** An element with its attributes and child elements. */
    static final class Element {

        final String name;
        final Map<String, String> attributes = new HashMap<>();
        final List<Element> children = new ArrayList<>();

        Element(String name) {
            this.name = name;
        }

        Element child(String childName) {
            for (Element child : children) {
                if (child.name.equals(childName)) {
                    return child;
                }
            }
            return null;
        }

        List<Element> children(String childName) {
            List<Element> named = new ArrayList<>();
            for (Element child : children) {
                if (child.name.equals(childName)) {
                    named.add(child);
                }
            }
            return named;
        }

        Optional<String> optional(String attribute) {
            String value = attributes.get(attribute);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        String required(String attribute) throws FeedParseException {
            Optional<String> value = optional(attribute);
            if (value.isEmpty()) {
                throw new FeedParseException("<" + name + ">: attribute " + attribute + " is missing");
            }
            return value.get();
        }

        int intValue(String attribute) throws FeedParseException {
            String value = required(attribute);
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw invalid(attribute, value, "a whole number");
            }
        }

        Integer optionalInt(String attribute) throws FeedParseException {
            return optional(attribute).isEmpty() ? null : intValue(attribute);
        }

        long longValue(String attribute) throws FeedParseException {
            String value = required(attribute);
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw invalid(attribute, value, "a whole number");
            }
        }

        Long optionalLong(String attribute) throws FeedParseException {
            return optional(attribute).isEmpty() ? null : longValue(attribute);
        }

        BigDecimal optionalDecimal(String attribute) throws FeedParseException {
            Optional<String> value = optional(attribute);
            if (value.isEmpty()) {
                return null;
            }
            try {
                return new BigDecimal(value.get());
            } catch (NumberFormatException e) {
                throw invalid(attribute, value.get(), "a decimal number");
            }
        }

        /** A provider URN ({@code sr:match:123}): present and well-formed. */
        String urn(String attribute) throws FeedParseException {
            String value = required(attribute);
            if (!isUrn(value)) {
                throw invalid(attribute, value, "a URN such as sr:match:123");
            }
            return value;
        }

        /** An ISO-8601 time with offset ({@code 2026-11-28T18:00:00+00:00}) as epoch milliseconds, or null. */
        Long optionalIsoTime(String attribute) throws FeedParseException {
            Optional<String> value = optional(attribute);
            if (value.isEmpty()) {
                return null;
            }
            try {
                return OffsetDateTime.parse(value.get()).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw invalid(attribute, value.get(), "an ISO-8601 time with offset");
            }
        }

        long isoTime(String attribute) throws FeedParseException {
            required(attribute);
            return optionalIsoTime(attribute);
        }

        /** {@code true} or {@code false}, or null when absent. */
        Boolean optionalBoolean(String attribute) throws FeedParseException {
            Optional<String> value = optional(attribute);
            if (value.isEmpty()) {
                return null;
            }
            if (!value.get().equals("true") && !value.get().equals("false")) {
                throw invalid(attribute, value.get(), "true or false");
            }
            return Boolean.valueOf(value.get());
        }

        /** Decimal odds: at least 1. */
        BigDecimal optionalOdds(String attribute) throws FeedParseException {
            BigDecimal odds = optionalDecimal(attribute);
            if (odds != null && odds.compareTo(BigDecimal.ONE) < 0) {
                throw invalid(attribute, odds.toPlainString(), "decimal odds of at least 1");
            }
            return odds;
        }

        /** A void or dead-heat factor: above 0, at most 1. */
        BigDecimal optionalFactor(String attribute) throws FeedParseException {
            BigDecimal factor = optionalDecimal(attribute);
            if (factor != null && (factor.signum() <= 0 || factor.compareTo(BigDecimal.ONE) > 0)) {
                throw invalid(attribute, factor.toPlainString(), "a factor above 0 and at most 1");
            }
            return factor;
        }

        private FeedParseException invalid(String attribute, String value, String expected) {
            return new FeedParseException("<" + name + ">: attribute " + attribute + " must be " + expected + ", was '"
                    + value + "'");
        }
    }
}
