package io.jitskit.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Parses SVG and report HTML with the JDK's XML parser: whatever it rejects is not well-formed. */
public final class Xml {

    private Xml() {
    }

    public static Document parse(final String text) {
        try {
            final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // No DTDs are fetched or trusted: a report must parse on its own.
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (final Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** Elements named {@code tag} (local name) whose class attribute holds every one of {@code classes}. */
    public static List<Element> withClasses(final Document doc, final String tag, final String... classes) {
        final List<Element> out = new ArrayList<>();
        final NodeList all = doc.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < all.getLength(); i++) {
            final Element e = (Element) all.item(i);
            final List<String> have = Arrays.asList(e.getAttribute("class").split("\\s+"));
            if (have.containsAll(Arrays.asList(classes))) {
                out.add(e);
            }
        }
        return out;
    }
}
