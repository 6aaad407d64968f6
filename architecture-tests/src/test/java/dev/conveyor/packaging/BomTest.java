package dev.conveyor.packaging;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The BOM has no parent (so an application importing it gets Conveyor's versions and nobody else's): these
 * checks keep it in step with the reactor, the same version and every published module managed.
 */
class BomTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void bomHasTheReactorsVersion() throws Exception {
        Element parent = read(ROOT.resolve("pom.xml"));
        Element bom = read(ROOT.resolve("conveyor-bom/pom.xml"));

        assertEquals(text(parent, "version"), text(bom, "version"),
                "conveyor-bom/pom.xml must carry the reactor's version");
    }

    @Test
    void bomManagesEveryPublishedModule() throws Exception {
        Set<String> published = new TreeSet<>();
        for (String module : children(read(ROOT.resolve("pom.xml")), "modules", "module")) {
            Path pom = ROOT.resolve(module).resolve("pom.xml");
            Element project = read(pom);
            boolean unpublished = Files.readString(pom).contains("<conveyor.unpublished>true</conveyor.unpublished>");
            if (!unpublished && !"pom".equals(text(project, "packaging"))) {
                published.add(text(project, "artifactId"));
            }
        }
        Set<String> managed = new TreeSet<>();
        Element bom = read(ROOT.resolve("conveyor-bom/pom.xml"));
        NodeList dependencies = bom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            assertEquals("${project.version}", text(dependency, "version"), "the BOM's own version, for " + text(dependency, "artifactId"));
            managed.add(text(dependency, "artifactId"));
        }

        assertTrue(published.contains("pipeline-core"), "found the modules: " + published);
        assertEquals(published, managed, "conveyor-bom/pom.xml must manage exactly the published modules");
    }

    private static Element read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }

    /** The text of {@code element}'s direct child {@code name}, or "" when it has none. */
    private static String text(Element element, String name) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }

    private static List<String> children(Element element, String container, String name) {
        List<String> values = new ArrayList<>();
        NodeList containers = element.getElementsByTagName(container);
        Element first = (Element) containers.item(0);
        NodeList items = first.getElementsByTagName(name);
        for (int i = 0; i < items.getLength(); i++) {
            values.add(items.item(i).getTextContent().trim());
        }
        return values;
    }
}
